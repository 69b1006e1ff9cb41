/**
 * Maps from spreadsheets, in-process: a 40-stage grid of 25 lanes with 5,000 cards (5 a cell, bulleted) and an
 * emotion row, as a CSV and as an XLSX written by SheetJS, previewed (maps.previewImport) and imported
 * (maps.import); then the map exported (exports.workbook) and the workbook previewed as an update of it
 * (maps.previewUpdate: every card matched by its id). Runs alone: `node tests/bench/mapImport.ts` (prints its
 * figures); not part of `npm run bench` yet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as XLSX from 'xlsx';
import { Workspace } from '../../electron/core/workspace.ts';

export interface MapImportFigures {
  cards: number;
  /** Milliseconds of each run, by what was timed. */
  runs: Record<'csv preview' | 'csv import' | 'xlsx preview' | 'xlsx import' | 'update preview', number[]>;
}

/** The grid: a header of stages, then lanes of five cards a cell, then a row of scores. */
export function bigGrid(stages = 40, lanes = 25, perCell = 5): string[][] {
  const header = ['Big journey', ...Array.from({ length: stages }, (_, s) => `Stage ${s + 1}`)];
  const rows = Array.from({ length: lanes }, (_, l) => [`Lane ${l + 1}`, ...Array.from({ length: stages }, (_, s) => Array.from({ length: perCell }, (_, k) => `• Card ${l + 1}.${s + 1}.${k + 1}: what the customer does here`).join('\n'))]);
  const scores = ['Feeling', ...Array.from({ length: stages }, (_, s) => String((s % 5) - 2))];
  return [header, ...rows, scores];
}

const csvOf = (grid: string[][]) => grid.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');

export async function benchMapImport(dir: string, runs = 3): Promise<MapImportFigures> {
  const ws = Workspace.open(path.join(dir, 'map-import.waymark'), { backupsDir: path.join(dir, 'map-import-backups') });
  try {
    const grid = bigGrid();
    const csv = Buffer.from(csvOf(grid)).toString('base64');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(grid), 'Map');
    const xlsx = XLSX.write(wb, { type: 'base64', bookType: 'xlsx' }) as string;
    const figures: MapImportFigures = { cards: 0, runs: { 'csv preview': [], 'csv import': [], 'xlsx preview': [], 'xlsx import': [], 'update preview': [] } };
    const time = async <T>(what: keyof MapImportFigures['runs'], call: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      const result = await call();
      figures.runs[what].push(performance.now() - t);
      return result;
    };
    let mapId = '';
    for (let run = 0; run < runs; run++) {
      const p = await time('csv preview', () => ws.call('maps.previewImport', { file: csv, fileName: 'big.csv' }));
      figures.cards = p.counts.cards;
      await time('csv import', () => ws.call('maps.import', { file: csv, fileName: 'big.csv', title: `Big ${run}`, lanes: [] }));
      await time('xlsx preview', () => ws.call('maps.previewImport', { file: xlsx, fileName: 'big.xlsx' }));
      mapId = (await time('xlsx import', () => ws.call('maps.import', { file: xlsx, fileName: 'big.xlsx', title: `Big xlsx ${run}`, lanes: [] }))).mapId;
    }
    const book = await ws.call('exports.workbook', { mapIds: [mapId] });
    for (let run = 0; run < runs; run++) {
      const p = await time('update preview', () => ws.call('maps.previewUpdate', { mapId, file: book.base64, fileName: book.fileName }));
      if (p.changes !== 0 || p.problems.length > 0) throw new Error(`the workbook of the map it came from should change nothing: ${p.changes} changes, ${p.problems.length} problems`);
    }
    return figures;
  } finally {
    ws.close();
  }
}

if (import.meta.main) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-map-import-'));
  try {
    const figures = await benchMapImport(dir);
    for (const [what, runs] of Object.entries(figures.runs)) {
      const sorted = [...runs].sort((a, b) => a - b);
      console.log(`${what} of a ${figures.cards.toLocaleString('en')}-card grid: p50 ${(sorted[Math.floor(sorted.length / 2)] ?? NaN).toFixed(0)} ms, worst ${(sorted.at(-1) ?? NaN).toFixed(0)} ms over ${sorted.length} runs`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

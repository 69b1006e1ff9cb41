/**
 * The Excel export of a big map, in-process: exports.workbook of a 12-stage, 5,000-card map with 10,000
 * quotes linked to its stages, in a workspace of its own. Runs inside `npm run bench`, or alone:
 * `node tests/bench/xlsxExport.ts` (prints its figures).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Workspace } from '../../electron/core/workspace.ts';
import { createBigMap } from './bigMap.ts';
import { addEvidence } from './evidence.ts';

export interface ExportFigures {
  /** Milliseconds of each run. */
  runs: number[];
  /** The workbook's size in bytes, and its sheets' rows (cards, quotes). */
  bytes: number;
  cards: number;
  quotes: number;
}

export async function benchXlsxExport(dir: string, runs = 5, cards = 5000, quotes = 10_000): Promise<ExportFigures> {
  const ws = Workspace.open(path.join(dir, 'xlsx-export.waymark'), { backupsDir: path.join(dir, 'xlsx-export-backups') });
  try {
    const mapId = await createBigMap(ws, cards, `Export ${cards} cards`);
    await addEvidence(ws, mapId, quotes);
    const figures: ExportFigures = { runs: [], bytes: 0, cards, quotes };
    for (let run = 0; run < runs; run++) {
      const t = performance.now();
      const file = await ws.call('exports.workbook', { mapIds: [mapId] });
      figures.runs.push(performance.now() - t);
      figures.bytes = file.size;
    }
    return figures;
  } finally {
    ws.close();
  }
}

if (import.meta.main) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-xlsx-'));
  try {
    const figures = await benchXlsxExport(dir);
    const sorted = [...figures.runs].sort((a, b) => a - b);
    console.log(`exports.workbook of ${figures.cards.toLocaleString('en')} cards + ${figures.quotes.toLocaleString('en')} linked quotes: p50 ${(sorted[Math.floor(sorted.length / 2)] ?? NaN).toFixed(0)} ms, worst ${(sorted.at(-1) ?? NaN).toFixed(0)} ms over ${sorted.length} runs (target ≤ 1500 ms); ${(figures.bytes / 1024).toFixed(0)} KB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

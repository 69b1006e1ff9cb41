/**
 * Importing 10,000 quotes from a CSV (interviews, tags and stage links included), in-process: the time of
 * quotes.previewImport and of quotes.import (one transaction), each on a fresh copy of the workspace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Workspace } from '../../electron/core/workspace.ts';

export interface ImportFigures {
  preview: number[];
  import: number[];
  quotes: number;
}

/** A CSV as a research team would export it: 10,000 rows over 200 participants, six stages, a few tags each. */
export function quotesCsv(rows: number, stages: readonly string[]): string {
  const tags = ['pricing', 'trust', 'delivery', 'search', 'substitutions', 'app', 'support', 'slots'];
  const lines = ['Quote,Participant,Interview,Stage,Sentiment,Tags,Date'];
  for (let i = 0; i < rows; i++) {
    const p = i % 200;
    lines.push(`"Row ${i}: the ${tags[i % 8] ?? ''} part was ""fine"", mostly",Participant ${p},Interview ${p},${stages[i % stages.length] ?? ''},${(i % 5) - 2},"${tags[i % 8] ?? ''}; ${tags[(i + 3) % 8] ?? ''}",2026-03-${String((i % 28) + 1).padStart(2, '0')}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function benchQuoteImport(dir: string, runs = 5, rows = 10_000): Promise<ImportFigures> {
  const source = path.join(dir, 'import-source.waymark');
  const seed = Workspace.open(source, { sample: true, backupsDir: path.join(dir, 'import-backups') });
  const [map] = await seed.call('maps.list', {});
  const mapId = map?.id ?? '';
  const stages = (await seed.call('maps.get', { id: mapId })).stages.map((s) => s.name);
  seed.close();
  const file = Buffer.from(quotesCsv(rows, stages)).toString('base64');
  const input = { file, fileName: 'quotes.csv', mapId, mapping: { text: 0, participant: 1, interview: 2, stage: 3, sentiment: 4, tags: 5, date: 6 } };
  const figures: ImportFigures = { preview: [], import: [], quotes: 0 };
  for (let run = 0; run < runs; run++) {
    const copy = path.join(dir, `import-${run}.waymark`);
    fs.copyFileSync(source, copy);
    const ws = Workspace.open(copy, { backupsDir: path.join(dir, `import-backups-${run}`) });
    try {
      let t = performance.now();
      const preview = await ws.call('quotes.previewImport', input);
      figures.preview.push(performance.now() - t);
      if (preview.counts.ok !== rows) throw new Error(`the preview found problems: ${JSON.stringify(preview.problems.slice(0, 3))}`);
      t = performance.now();
      const changes = await ws.call('quotes.import', input);
      figures.import.push(performance.now() - t);
      figures.quotes = changes.quotes.length;
    } finally {
      ws.close();
    }
  }
  return figures;
}

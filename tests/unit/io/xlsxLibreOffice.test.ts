/**
 * The exported workbook in a real spreadsheet program: LibreOffice Calc, headless, converts it to one CSV per
 * sheet (as each cell is shown) and to PDF, as a team's would open and print it. Without LibreOffice the test
 * fails saying how to install it; it is never skipped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from '../core/helpers.ts';
import { buildFixture, TITLE } from '../core/xlsxFixture.ts';

const INSTALL = "LibreOffice is not installed (no 'soffice' on PATH): install its headless Calc with `apt-get install -y libreoffice-calc-nogui` (.ci/run does so on CI). This test checks the exported workbook in a real spreadsheet program and is never skipped.";

let dir: string;
let ws: Workspace;
let mapId: string;
beforeAll(async () => {
  dir = tempDir('waymark-soffice-');
  let clock = Date.UTC(2026, 4, 1);
  ws = Workspace.open(path.join(dir, 'w.waymark'), { backupsDir: path.join(dir, 'backups'), now: () => new Date((clock += 1000)) });
  mapId = (await buildFixture(ws)).mapId;
  await buildFixture(ws, 'Returns: what [really] happens?');
});
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Convert `file` with LibreOffice into `to` (a --convert-to filter) in a folder of its own; the files it wrote. */
function convert(file: string, to: string, name: string): string[] {
  const out = path.join(dir, name);
  fs.mkdirSync(out);
  // A profile of its own: runs at the same time never share (or lock) one.
  const profile = `file://${path.join(dir, `profile-${name}`)}`;
  const run = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', to, '--outdir', out, file], { encoding: 'utf8', timeout: 120_000 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(INSTALL);
  if (run.status !== 0) throw new Error(`soffice failed (${String(run.status)}): ${run.stderr}`);
  return fs.readdirSync(out).sort().map((f) => path.join(out, f));
}

const csv = (file: string): string[][] => Papa.parse<string[]>(fs.readFileSync(file, 'utf8'), { skipEmptyLines: false }).data.filter((r) => r.length > 1 || r[0] !== '');
// Field separator ',', text in double quotes, UTF-8, from line 1, cells as shown, every sheet (LibreOffice ≥ 7.2).
const CSV = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';

describe('LibreOffice Calc', () => {
  it('opens the workbook and shows every sheet, the grid with its text and its numbers as formatted', async () => {
    const file = path.join(dir, 'map.xlsx');
    fs.writeFileSync(file, Buffer.from((await ws.call('exports.workbook', { mapIds: [mapId] })).base64, 'base64'));
    const files = convert(file, CSV, 'csv');
    expect(files.map((f) => path.basename(f))).toEqual(['map-Cards.csv', 'map-Emotions.csv', 'map-Map.csv', 'map-Metrics.csv', 'map-Personas.csv', 'map-Quotes.csv']);
    const sheet = (name: string) => csv(files.find((f) => f.endsWith(`-${name}.csv`)) ?? '');
    expect(sheet('Map')).toEqual([
      [TITLE, '', 'Discover', 'Sign up', 'Use'],
      ['Actions', '', 'Finds us through a friend', '• =SUM(A1:A3)\n• +44 20 7946 0000', '@here ping the team _x0041_'],
      ['Touchpoints', '', 'Landing page', '', ''],
      ['Feeling', 'Score', '+2', '-2', '0'],
      ['', 'Label', 'Curious', 'Annoyed', ''],
      ['', 'Ana: score', '-1', '', ''],
      ['', 'Ana: label', 'Lost', '', ''],
      ['Evidence', 'Quotes', '4', '1', '1'],
      [
        '',
        'Newest quotes',
        '“The first week was calm” — Ana B.\n“I liked the landing page” — Ana B.\n“A friend told me about it” — Ana B.\n+ 1 more quote (see the Quotes sheet)',
        '“The sign-up form asked too much” — Ana B.',
        '“The first week was calm” — Ana B.',
      ],
      ['Numbers', 'Conversion (%)', '', '12.5', ''],
      ['', 'entered stage (customers)', '1,500', '', ''],
      ['Owners', '', 'Marketing', '', ''],
      ['Ideas', '', '', '', 'Add a tour · 3 votes'],
    ]);
    // Formula-looking text stays text in a real program too (it would show a result, or an error, if it ran).
    expect(sheet('Cards').map((r) => r[2])).toEqual(['Text', 'Finds us\nthrough a friend', '=SUM(A1:A3)', '+44 20 7946 0000', '@here ping the team _x0041_', 'Landing page', 'Add a tour']);
    expect(sheet('Cards')[6]?.slice(6, 8)).toEqual(['3', '0']);
    expect(sheet('Quotes')[1]?.slice(0, 7)).toEqual(['The first week was calm', 'Ana B.', '2026-03-12', 'Call with Ana', '2026-03-05', 'Ana', '+1']);
    expect(sheet('Quotes')[4]?.[0]).toBe('=HYPERLINK("http://example.com")');
    expect(sheet('Metrics').slice(1).map((r) => [r[2], r[5]])).toEqual([
      ['1,200', '2026-03-01'],
      ['1,500', '2026-04-01'],
      ['12.5', ''],
    ]);
    expect(sheet('Emotions')[2]).toEqual(['Feeling', 'Sign up', 'Team (workshop)', '-2', 'Annoyed']);
  }, 180_000);

  it('opens the workbook of every map, sheets named after the maps', async () => {
    const file = path.join(dir, 'all.xlsx');
    fs.writeFileSync(file, Buffer.from((await ws.call('exports.workbook', { all: true })).base64, 'base64'));
    const files = convert(file, CSV, 'all').map((f) => path.basename(f));
    expect(files).toEqual(['all-Cards.csv', 'all-Emotions.csv', 'all-Metrics.csv', 'all-Onboarding the first week.csv', 'all-Personas.csv', 'all-Quotes.csv', 'all-Returns what really happens.csv']);
    expect(csv(path.join(dir, 'all', 'all-Returns what really happens.csv'))[0]).toEqual(['Returns: what [really] happens?', '', 'Discover', 'Sign up', 'Use']);
    expect(csv(path.join(dir, 'all', 'all-Cards.csv'))[1]?.slice(0, 4)).toEqual(['Onboarding: the first week', 'Actions', 'Discover', 'Finds us\nthrough a friend']);
  }, 180_000);

  it('prints it: a PDF with the map on landscape pages, then the tables', async () => {
    const file = path.join(dir, 'print.xlsx');
    fs.writeFileSync(file, Buffer.from((await ws.call('exports.workbook', { mapIds: [mapId] })).base64, 'base64'));
    const [pdf] = convert(file, 'pdf', 'pdf');
    const bytes = fs.readFileSync(pdf ?? '');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = bytes.toString('latin1');
    // The map and each of the five tables on at least a page each; the map's pages are wider than tall.
    const pages = text.match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(6);
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(boxes[0]?.[0]).toBeGreaterThan(boxes[0]?.[1] ?? Infinity);
    expect(boxes.some(([w, h]) => h > w)).toBe(true);
  }, 180_000);
});

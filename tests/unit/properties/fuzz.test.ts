/**
 * Fuzzing every input that exists today: contract inputs over IPC (through the real bridge) and over HTTP
 * (raw bytes to the real server), random and mutated from valid examples; and workspace files with bytes
 * flipped. Nothing may crash, every refusal is a typed error with a message, and a refusal writes nothing.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, type OperationName } from '../../../electron/api/contract.ts';
import { WaymarkError } from '../../../electron/api/errors.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { serveContract, type IpcMainLike, type SenderEvent } from '../../../electron/main/ipc.ts';
import { createBridge } from '../../../electron/preload/bridge.ts';
import { BUNDLE_COLLECTIONS, BUNDLE_LIMITS } from '../../../electron/api/bundles.ts';
import { readBundle } from '../../../electron/core/io/bundles/read.ts';
import { checkImage, sniffImageType } from '../../../electron/core/io/images.ts';
import { readSpreadsheet } from '../../../electron/core/io/spreadsheets/index.ts';
import { interpret } from '../../../electron/core/io/spreadsheets/mapGrid/content.ts';
import { readMapSheet } from '../../../electron/core/io/spreadsheets/mapGrid/index.ts';
import { suggestKind } from '../../../electron/core/io/spreadsheets/mapGrid/kinds.ts';
import { EMOTION_BOUNDS } from '../../../electron/api/fields.ts';
import { MAP_IMPORT_LIMITS } from '../../../electron/api/mapImports.ts';
import { parseTranscript, type ParseHint } from '../../../electron/core/io/transcripts/index.ts';
import { startServer, type RunningServer } from '../../../electron/server/server.ts';
import { check, propertyRun, RUNS_FACTOR, type FuzzTarget, type Outcome } from './fuzzHarness.ts';

let dir: string;
let ws: Workspace;
let server: RunningServer;
const TOKEN = 'fuzz-token-0123456789abcdefghijklmnop'; // the browser host wants at least 32 characters
let examples: Record<OperationName, Record<string, unknown>>;
/** The sample map as a bundle: the seed of the bundle targets. */
let sampleBundle: string;
/** The sample map as an exported workbook: a seed of the map-grid targets. */
let sampleWorkbook: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-fuzz-'));
  ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true, backupsDir: path.join(dir, 'backups') });
  server = await startServer({ workspace: ws, port: 0, token: TOKEN, staticDir: dir, maxBodyBytes: 256 * 1024 });
  const [map] = await ws.call('maps.list', {});
  const doc = await ws.call('maps.get', { id: map?.id ?? '' });
  const text = doc.lanes.find((l) => l.kind === 'text')?.id ?? '';
  const emotion = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
  const stage = doc.stages[0]?.id ?? '';
  const card = doc.cards[0]?.id ?? '';
  const [interview] = await ws.call('interviews.list', {});
  const interviewId = interview?.interview.id ?? 'no-interview';
  const { quotes } = await ws.call('quotes.list', { interviewId });
  const quote = quotes[0]?.id ?? 'no-quote';
  const [tag] = await ws.call('tags.list', {});
  const tagId = tag?.id ?? 'no-tag';
  const link = doc.quoteLinks[0]?.id ?? 'no-link';
  const vtt = fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/transcripts', fs.readdirSync(path.join(import.meta.dirname, '../../fixtures/transcripts')).find((f) => f.endsWith('.vtt')) ?? ''), 'utf8');
  const spreadsheet = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/spreadsheets', name)).toString('base64');
  sampleBundle = (await ws.call('bundles.export', { mapId: doc.map.id })).text;
  sampleWorkbook = (await ws.call('exports.workbook', { mapIds: [doc.map.id] })).base64;
  const mapGrid = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/spreadsheets/maps', name)).toString('base64');
  const updateToken = (await ws.call('maps.previewUpdate', { mapId: doc.map.id, file: sampleWorkbook, fileName: 'sample.xlsx' })).token;
  // One valid input per operation: mutations of these reach deep into the services.
  examples = {
    'workspace.info': {},
    'workspace.backups': {},
    'workspace.backup': {},
    'workspace.restore': { id: 'no-such-backup.waymark' },
    'templates.list': {},
    'maps.list': {},
    'maps.create': { title: 'Fuzzed', template: 'blank' },
    'maps.get': { id: doc.map.id },
    'maps.evidence': { id: doc.map.id },
    'maps.getColumns': { id: doc.map.id },
    'maps.update': { id: doc.map.id, title: 'Renamed' },
    'maps.delete': { id: 'some-other-map' },
    'stages.create': { mapId: doc.map.id, name: 'New', index: 1 },
    'stages.update': { id: stage, name: 'Renamed', width: 300 },
    'stages.move': { id: stage, index: 2 },
    'stages.delete': { id: 'some-stage' },
    'lanes.create': { mapId: doc.map.id, kind: 'text', title: 'New lane' },
    'lanes.update': { id: text, title: 'Renamed', collapsed: true },
    'lanes.move': { id: text, index: 1 },
    'lanes.delete': { id: 'some-lane' },
    'cards.create': { laneId: text, stageId: stage, text: 'Fuzz card', index: 0 },
    'cards.update': { id: card, text: 'Edited', votes: 3 },
    'cards.move': { id: card, laneId: text, stageId: stage, index: 0 },
    'cards.delete': { id: 'some-card' },
    'emotions.set': { laneId: emotion, stageId: stage, score: 1 },
    'personas.list': {},
    'personas.create': { name: 'Fuzzed persona', role: 'Tester', color: '#ffcc00' },
    'personas.update': { id: doc.personas[0]?.id ?? 'no-persona', quote: 'Edited' },
    'personas.delete': { id: 'some-persona' },
    'personas.setImage': { id: doc.personas[0]?.id ?? 'no-persona', image: fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/images/chromium-40x30.png')).toString('base64') },
    'personas.image': { id: doc.personas[0]?.id ?? 'no-persona' },
    'personas.usage': { id: doc.personas[0]?.id ?? 'no-persona' },
    'tombstones.restore': { id: 'no-such-tombstone' },
    'batch.run': { steps: [{ name: 'cards.update', input: { id: card, text: 'Batched' } }] },
    'interviews.list': { query: 'milk', method: 'interview' },
    'interviews.get': { id: interviewId },
    'interviews.create': { title: 'Fuzzed call', participant: 'Ana', method: 'usability test', heldOn: '2026-11-30', body: { text: vtt, format: 'auto', fileName: 'call.vtt' } },
    'interviews.update': { id: interviewId, participant: 'Renamed', heldOn: null },
    'interviews.setBody': { id: interviewId, text: 'Ana: I could not find the basket.', format: 'text' },
    'interviews.previewTranscript': { text: vtt, format: 'vtt' },
    'interviews.delete': { id: 'some-interview' },
    'quotes.list': { interviewId },
    'quotes.search': { query: 'deliver* OR "same day"', sentiments: [-2, -1], limit: 20 },
    'quotes.create': { interviewId, startOffset: 0, endOffset: 5, sentiment: 1, saidOn: '2026-11-30' },
    'quotes.update': { id: quote, sentiment: -1, tagIds: [tagId], saidOn: null },
    'quotes.tag': { quoteIds: [quote], add: [tagId] },
    'quotes.delete': { id: 'some-quote' },
    'quotes.link': { quoteIds: [quote], stageId: stage, cardId: null },
    'quoteLinks.delete': { id: link },
    'tags.list': {},
    'tags.create': { name: 'Fuzzed tag' },
    'tags.rename': { id: tagId, name: 'Renamed tag' },
    'tags.merge': { ids: ['some-tag'], into: tagId },
    'tags.delete': { id: 'some-tag' },
    'metrics.create': { stageId: stage, name: 'entered stage', value: 1200, unit: 'customers', measuredAt: '2026-10-31' },
    'metrics.update': { id: 'some-metric', value: 3 },
    'metrics.delete': { id: 'some-metric' },
    'quotes.previewImport': { file: spreadsheet('quotes-utf8.csv'), fileName: 'quotes.csv', mapId: doc.map.id },
    'quotes.import': { file: spreadsheet('quotes-utf8.csv'), fileName: 'quotes.csv', mapId: doc.map.id, mapping: { text: 0, participant: 1, interview: 2, stage: 3, sentiment: 4, tags: 5, date: 6 } },
    'metrics.previewImport': { file: spreadsheet('metrics.csv'), fileName: 'metrics.csv', mapId: doc.map.id, delimiter: ',' },
    'metrics.import': { file: spreadsheet('metrics.csv'), fileName: 'metrics.csv', mapId: doc.map.id, mapping: { stage: 0, name: 1, value: 2, unit: 3, date: 4 } },
    'bundles.export': { mapId: doc.map.id },
    'bundles.preview': { file: Buffer.from(sampleBundle).toString('base64'), fileName: 'map.waymark.json' },
    'bundles.import': { file: Buffer.from(sampleBundle).toString('base64'), fileName: 'map.waymark.json' },
    'exports.workbook': { mapIds: [doc.map.id] },
    'maps.previewImport': { file: mapGrid('journey.csv'), fileName: 'journey.csv', lanes: [{ row: 4, kind: 'emotion' }] },
    'maps.import': { file: mapGrid('journey.xlsx'), fileName: 'journey.xlsx', title: 'Fuzzed grid', lanes: [{ row: 5, kind: 'text' }] },
    'maps.previewUpdate': { mapId: doc.map.id, file: sampleWorkbook, fileName: 'sample.xlsx' },
    'maps.applyUpdate': { mapId: doc.map.id, file: sampleWorkbook, fileName: 'sample.xlsx', token: updateToken },
  };
});
afterAll(async () => {
  await server.close();
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Random JSON values, and valid examples with one field removed, replaced, retyped or added. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
const mutated = (example: Record<string, unknown>) =>
  fc.oneof(
    anyJson,
    fc.constantFrom(...Object.keys(example).concat(['__proto__', 'constructor'])).chain((key) =>
      fc.oneof(
        fc.constant(Object.fromEntries(Object.entries(example).filter(([k]) => k !== key))),
        anyJson.map((v) => ({ ...example, [key]: v })),
        fc.string({ maxLength: 5000 }).map((v) => ({ ...example, [key]: v })),
        fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.constant(-1), fc.constant(1e308)).map((v) => ({ ...example, [key]: v })),
      ),
    ),
    fc.string({ maxLength: 8 }).map((k) => ({ ...example, [`x${k}`]: 1 })),
  );
const operationInput = fc.constantFrom(...OPERATION_NAMES).chain((name) => mutated(examples[name]).map((input) => ({ name, input })));

function ipcTarget(): FuzzTarget<{ name: OperationName; input: unknown }> {
  const handlers = new Map<string, (event: SenderEvent, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = { handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) };
  serveContract(ipcMain, () => ws, () => true);
  const bridge = createBridge({ invoke: (c, ...args) => Promise.resolve(handlers.get(c)?.({ senderFrame: { url: 'file:///index.html' } }, ...structuredClone(args))) });
  return {
    name: 'contract over IPC',
    feed: async ({ name, input }) => {
      const reply = await bridge[name](input);
      return reply.ok ? { kind: 'accepted' } : { kind: 'refused', code: reply.error.code, message: reply.error.message };
    },
  };
}

function httpTarget(): FuzzTarget<{ name: string; body: Buffer }> {
  return {
    name: 'contract over HTTP',
    feed: ({ name, body }) =>
      new Promise<Outcome>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/${encodeURIComponent(name)}`, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => {
              if ((res.statusCode ?? 500) >= 500) return reject(new Error(`HTTP ${res.statusCode}: ${text}`));
              const parsed = JSON.parse(text) as { result?: unknown; error?: { code: string; message: string } };
              resolve(parsed.error ? { kind: 'refused', code: parsed.error.code, message: parsed.error.message } : { kind: 'accepted' });
            });
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
  };
}

describe('fuzzing the contract', () => {
  it('over IPC: random and mutated inputs never crash, refusals are typed and write nothing', { timeout: 120_000 * RUNS_FACTOR }, async () => {
    const target = ipcTarget();
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(operationInput, async (input) => {
        seen[(await check(target, input, ws.ctx.db)).kind]++;
      }),
      propertyRun('contract over IPC', 424242, 1500),
    );
    expect(seen.accepted).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(200);
  });

  it('over HTTP: random bytes, broken JSON and mutated inputs get a 4xx answer, never a crash', { timeout: 120_000 * RUNS_FACTOR }, async () => {
    const target = httpTarget();
    const body = fc.oneof(
      operationInput.map(({ name, input }) => ({ name, body: Buffer.from(JSON.stringify(input)) })),
      fc.record({ name: fc.constantFrom(...OPERATION_NAMES), body: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) }),
      fc.record({ name: fc.constantFrom(...OPERATION_NAMES), body: fc.string({ maxLength: 200 }).map((s) => Buffer.from(`{"title": ${s}`)) }),
      fc.record({ name: fc.string({ maxLength: 40 }), body: fc.constant(Buffer.from('{}')) }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        await check(target, input, ws.ctx.db);
      }),
      propertyRun('contract over HTTP', 777, 600),
    );
  });
});

describe('fuzzing workspace files', () => {
  it('a workspace with flipped bytes either opens cleanly or is refused with a message, and is never written', { timeout: 120_000 * RUNS_FACTOR }, () => {
    const source = path.join(dir, 'source.waymark');
    Workspace.open(source, { sample: true, backupsDir: path.join(dir, 'scratch') }).close();
    const original = fs.readFileSync(source);
    const outcomes = { opened: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat({ max: original.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 12 }), (flips) => {
        const data = Buffer.from(original);
        for (const f of flips) data[f.at] = f.value;
        const file = path.join(dir, 'mutant.waymark');
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
        fs.writeFileSync(file, data);
        try {
          const opened = Workspace.open(file, { create: false, backupsDir: path.join(dir, 'mutant-backups') });
          opened.close();
          outcomes.opened++;
        } catch (error) {
          expect(error).toBeInstanceOf(WaymarkError);
          expect((error as WaymarkError).message.length).toBeGreaterThan(10);
          expect(Buffer.compare(fs.readFileSync(file), data)).toBe(0);
          expect(fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0).toBe(false);
          outcomes.refused++;
        }
      }),
      propertyRun('workspace files with flipped bytes', 99, 150),
    );
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});

/** Transcript files: pure parsing, so a refusal is ok:false and never a throw; what is accepted is well formed. */
function transcriptTarget(): FuzzTarget<{ text: string; hint: ParseHint }> {
  return {
    name: 'transcript parsers',
    feed: ({ text, hint }) => {
      const result = parseTranscript(text, hint);
      if (!result.ok) {
        if (!Number.isInteger(result.line) || result.line < 1) throw new Error(`refusal at line ${result.line}`);
        return Promise.resolve({ kind: 'refused', code: 'Invalid', message: result.message });
      }
      for (const turn of result.turns) {
        if (turn.text.trim() === '') throw new Error(`a turn without text: ${JSON.stringify(turn)}`);
        if (turn.start !== null && turn.end !== null && turn.start > turn.end) throw new Error(`a turn that ends before it starts: ${JSON.stringify(turn)}`);
        for (const t of [turn.start, turn.end]) if (t !== null && !(Number.isFinite(t) && t >= 0)) throw new Error(`a time that is no time: ${JSON.stringify(turn)}`);
      }
      return Promise.resolve({ kind: 'accepted' });
    },
  };
}

describe('fuzzing transcript files', () => {
  const fixtures = path.join(import.meta.dirname, '../../fixtures/transcripts');
  const seeds = fs.readdirSync(fixtures).filter((f) => /\.(vtt|srt|txt|md)$/.test(f) && f !== 'README.md').map((f) => fs.readFileSync(path.join(fixtures, f), 'utf8'));
  const pieces = ['WEBVTT', '\n', '\r\n', '\r', '\n\n', '-->', ' --> ', '00:01.000', '00:00:02.500', '1:02:03,4', '<v Ann>', '</v>', '<v.loud Bob Ray>', '<c.x>', '</c>', '<i>', '<00:01.500>', '<ruby>', '<rt>', '&amp;', '&#x41;', '&#99999999;', '&', '<', 'NOTE', 'STYLE', 'REGION', '1', 'Jane:', '[Jane]', '- ', '**Bob:**', '# ', '[00:01:02]', 'Speaker 1  0:03', ' ', 'text', '\uFEFF', '\u0000', '\uFFFD'];
  const hint = fc.oneof(
    fc.constant({}),
    fc.constantFrom('a.vtt', 'a.srt', 'a.txt', 'a.md', 'a', 'a.VTT').map((fileName) => ({ fileName })),
    fc.constantFrom('vtt', 'srt', 'text', 'markdown').map((format) => ({ format })),
  );
  const mutatedSeed = fc.record({ seed: fc.constantFrom(...seeds), edits: fc.array(fc.record({ at: fc.nat(), cut: fc.nat({ max: 8 }), put: fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })) }), { maxLength: 6 }) }).map(({ seed, edits }) =>
    edits.reduce((text, e) => {
      const at = text.length === 0 ? 0 : e.at % (text.length + 1);
      return text.slice(0, at) + e.put + text.slice(at + e.cut);
    }, seed),
  );
  const text = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join('')), mutatedSeed);

  it('any text: never a throw, refusals with a line and a message, accepted turns with text and start <= end', { timeout: 120_000 * RUNS_FACTOR }, async () => {
    const target = transcriptTarget();
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.record({ text, hint }), async (input) => {
        seen[(await check(target, input, ws.ctx.db)).kind]++;
      }),
      propertyRun('transcript parsers', 20251201, 3000),
    );
    expect(seen.accepted).toBeGreaterThan(300);
    expect(seen.refused).toBeGreaterThan(100);
  });
});

/** Persona pictures: any bytes are recognised or refused in words, never a throw; what passes has a real size. */
function imageTarget(): FuzzTarget<Uint8Array> {
  return {
    name: 'persona pictures',
    feed: (bytes) => {
      const result = checkImage(bytes, 10_000);
      if (!result.ok) {
        if (!/^[A-Z].*\.$/.test(result.message)) throw new Error(`a refusal that is not a sentence: ${result.message}`);
        return Promise.resolve({ kind: 'refused', code: 'Invalid', message: result.message });
      }
      if (!(result.width >= 1 && result.height >= 1 && result.width <= 0xffffffff && result.height <= 0xffffffff)) throw new Error(`a size that is no size: ${JSON.stringify(result)}`);
      if (sniffImageType(bytes) !== result.type) throw new Error('the type changed between sniffing and checking');
      return Promise.resolve({ kind: 'accepted' });
    },
  };
}

describe('fuzzing persona pictures', () => {
  const fixtures = path.join(import.meta.dirname, '../../fixtures/images');
  const seeds = fs.readdirSync(fixtures).filter((f) => /\.(png|jpg|webp)$/.test(f)).map((f) => new Uint8Array(fs.readFileSync(path.join(fixtures, f))));
  const mutated = fc
    .record({ seed: fc.constantFrom(...seeds), edits: fc.array(fc.record({ at: fc.nat({ max: 64 }), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }), cut: fc.option(fc.nat({ max: 80 })) })
    .map(({ seed, edits, cut }) => {
      const bytes = seed.slice(0, cut ?? undefined);
      for (const e of edits) if (e.at < bytes.length) bytes[e.at] = e.byte;
      return bytes;
    });
  const bytes = fc.oneof(fc.uint8Array({ maxLength: 64 }), mutated);

  it('any bytes: never a throw, refusals in words, accepted pictures with a size', { timeout: 60_000 * RUNS_FACTOR }, async () => {
    const target = imageTarget();
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(bytes, async (input) => {
        seen[(await check(target, input, ws.ctx.db)).kind]++;
      }),
      propertyRun('persona pictures', 20261201, 3000),
    );
    expect(seen.accepted).toBeGreaterThan(200);
    expect(seen.refused).toBeGreaterThan(200);
  });
});

/** Spreadsheets: any bytes under any name are read into a grid or refused in a sentence, never a throw. */
function spreadsheetTarget(): FuzzTarget<{ bytes: Uint8Array; fileName: string }> {
  return {
    name: 'spreadsheet readers',
    feed: ({ bytes, fileName }) => {
      const result = readSpreadsheet(bytes, fileName);
      if (!result.ok) {
        if (!/^[A-Z].*[.]$/s.test(result.message)) throw new Error(`a refusal that is not a sentence: ${result.message}`);
        return Promise.resolve({ kind: 'refused', code: 'Invalid', message: result.message });
      }
      let last = 0;
      for (const row of result.rows) {
        if (!(Number.isInteger(row.row) && row.row > last)) throw new Error(`row numbers out of order: ${row.row} after ${last}`);
        last = row.row;
        if (!row.cells.every((c) => typeof c === 'string')) throw new Error('a cell that is not text');
        if (row.cells.every((c) => c.trim() === '')) throw new Error(`a blank row ${row.row} was kept`);
      }
      return Promise.resolve({ kind: 'accepted' });
    },
  };
}

describe('fuzzing spreadsheet files', () => {
  const fixtures = path.join(import.meta.dirname, '../../fixtures/spreadsheets');
  const seeds = fs
    .readdirSync(fixtures)
    .filter((f) => /\.(csv|txt|xlsx|xls|ods)$/.test(f))
    .map((f) => ({ fileName: f, bytes: new Uint8Array(fs.readFileSync(path.join(fixtures, f))) }));
  const mutated = fc
    .record({ seed: fc.constantFrom(...seeds), edits: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }), cut: fc.option(fc.nat()) })
    .map(({ seed, edits, cut }) => {
      const bytes = seed.bytes.slice(0, cut === null ? undefined : cut % (seed.bytes.length + 1));
      for (const e of edits) if (bytes.length > 0) bytes[e.at % bytes.length] = e.byte;
      return { bytes, fileName: seed.fileName };
    });
  const pieces = [',', ';', '\t', '|', '"', '""', '\n', '\r\n', 'a', 'é', '€', '\uFEFF', '\u0000', ' '];
  const textual = fc
    .record({ parts: fc.array(fc.constantFrom(...pieces), { maxLength: 80 }), fileName: fc.constantFrom('a.csv', 'a.txt', 'a.tsv', 'a.xlsx', 'a.ods', 'a.xls', 'a') })
    .map(({ parts, fileName }) => ({ bytes: new TextEncoder().encode(parts.join('')), fileName }));
  const random = fc.record({ bytes: fc.uint8Array({ maxLength: 300 }), fileName: fc.constantFrom('a.csv', 'a.xlsx', 'a.xls', 'a.ods') });

  it('any bytes: never a throw, refusals in sentences, grids with rows in order and no blank rows', { timeout: 120_000 * RUNS_FACTOR }, async () => {
    const target = spreadsheetTarget();
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, textual, random), async (input) => {
        seen[(await check(target, input, ws.ctx.db)).kind]++;
      }),
      propertyRun('spreadsheet readers', 20261202, 1500),
    );
    expect(seen.accepted).toBeGreaterThan(200);
    expect(seen.refused).toBeGreaterThan(100);
  });
});

/**
 * Map bundles: any bytes are read into a bundle or refused in a sentence naming where, never a throw and never
 * a hang (a 6 MB file is read once); what is read holds every link. Through the contract, a refused import
 * writes nothing.
 */
function bundleTarget(): FuzzTarget<Uint8Array> {
  return {
    name: 'bundle reader',
    feed: (bytes) => {
      const read = readBundle(bytes);
      if (!read.ok) {
        if (!/^[A-Z].*[.]$/s.test(read.message)) throw new Error(`a refusal that is not a sentence: ${read.message}`);
        if (read.problems.length === 0 || read.problems.length > 100) throw new Error(`a refusal with ${read.problems.length} problems`);
        return Promise.resolve({ kind: 'refused', code: 'Invalid', message: read.message });
      }
      const b = read.bundle;
      for (const name of BUNDLE_COLLECTIONS) if (b[name].length > BUNDLE_LIMITS[name]) throw new Error(`${name}: ${b[name].length} records`);
      const ids = (list: { id?: string | undefined }[]) => new Set(list.map((r) => r.id));
      const [stages, lanes, cards, personas, interviews, quotes] = [ids(b.stages), ids(b.lanes), ids(b.cards), ids(b.personas), ids(b.interviews), ids(b.quotes)];
      const links: [string, boolean][] = [
        ...b.cards.map((c) => [`card ${c.id}`, lanes.has(c.laneId) && stages.has(c.stageId)] as [string, boolean]),
        ...b.emotions.map((e) => [`emotion of ${e.stageId}`, lanes.has(e.laneId) && stages.has(e.stageId) && (e.personaId === null || personas.has(e.personaId))] as [string, boolean]),
        ...b.quotes.map((q) => [`quote ${q.id}`, interviews.has(q.interviewId)] as [string, boolean]),
        ...b.quoteLinks.map((l) => [`link of ${l.quoteId}`, quotes.has(l.quoteId) && stages.has(l.stageId) && (l.cardId === null || cards.has(l.cardId))] as [string, boolean]),
        ...b.map.personaIds.map((p) => [`map persona ${p}`, personas.has(p)] as [string, boolean]),
      ];
      const broken = links.find(([, ok]) => !ok);
      if (broken) throw new Error(`a bundle was read with a broken link: ${broken[0]}`);
      return Promise.resolve({ kind: 'accepted' });
    },
  };
}

/** A JSON value with one thing changed at a place chosen by `path`: removed, replaced, a prototype key added, a record twice, nested deep. */
function mutateAt(doc: unknown, path: readonly number[], kind: string, value: unknown, key: string): unknown {
  let parent: Record<string, unknown> | unknown[] | null = null;
  let at: string | number = '';
  let node: unknown = doc;
  for (const step of path) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    parent = node as Record<string, unknown> | unknown[];
    at = keys[step % keys.length] as string | number;
    node = (parent as Record<string | number, unknown>)[at];
  }
  const put = (v: unknown) => {
    if (parent === null) return v;
    (parent as Record<string | number, unknown>)[at] = v;
    return doc;
  };
  switch (kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(at as number, 1);
      else if (parent !== null) Reflect.deleteProperty(parent, at);
      return doc;
    case 'proto':
      if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
        Object.defineProperty(node, key, { value, enumerable: true, configurable: true, writable: true });
        return doc;
      }
      return put({ [key]: value });
    case 'twice':
      if (Array.isArray(parent)) parent.push(node);
      return doc;
    case 'deep':
      return put(JSON.parse(`${'['.repeat(12)}${']'.repeat(12)}`) as unknown);
    case 'long':
      return put('x'.repeat(10_001));
    default:
      return put(value);
  }
}

describe('fuzzing map bundles', () => {
  const seeds = () => [sampleBundle, JSON.stringify(JSON.parse(sampleBundle), null, '\t').replace(/\n/g, '\r\n')];
  const bytesMutated = fc
    .record({ seed: fc.nat(), edits: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }), cut: fc.option(fc.nat()) })
    .map(({ seed, edits, cut }) => {
      const all = seeds();
      const bytes = new Uint8Array(Buffer.from(all[seed % all.length] ?? ''));
      const kept = bytes.slice(0, cut === null ? undefined : cut % (bytes.length + 1));
      for (const e of edits) if (kept.length > 0) kept[e.at % kept.length] = e.byte;
      return kept;
    });
  const jsonMutated = fc
    .record({
      edits: fc.array(
        fc.record({
          path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
          kind: fc.constantFrom('delete', 'replace', 'proto', 'twice', 'deep', 'long'),
          value: fc.jsonValue({ maxDepth: 2 }),
          key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'stageId', 'extra'),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map(({ edits }) => new Uint8Array(Buffer.from(JSON.stringify(edits.reduce<unknown>((doc, e) => mutateAt(doc, e.path, e.kind, e.value, e.key), JSON.parse(sampleBundle))))));
  const pieces = ['{', '}', '[', ']', ',', ':', '"', '"format"', '"waymark-map-bundle"', '"version"', '1', '"map"', '"title"', '"__proto__"', '\\u0000', ' ', '\r\n', '\uFEFF'];
  const textual = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => new Uint8Array(Buffer.from(p.join(''))));
  const inputs = fc.oneof(fc.uint8Array({ maxLength: 400 }), bytesMutated, jsonMutated, textual);

  it('the reader: any bytes are read with every link whole or refused in a sentence, never a throw', { timeout: 120_000 * RUNS_FACTOR }, async () => {
    const target = bundleTarget();
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        seen[(await check(target, input, ws.ctx.db)).kind]++;
      }),
      propertyRun('bundle reader', 20261204, 2000),
    );
    expect(seen.accepted).toBeGreaterThan(40);
    expect(seen.refused).toBeGreaterThan(500);
  });

  it('the reader: a file of the size limit in the worst shapes is refused at once', () => {
    const limit = BUNDLE_LIMITS.bytes;
    for (const text of ['['.repeat(limit), `{"format":"waymark-map-bundle","version":1,"map":{"title":"x"},"cards":[${'0,'.repeat(limit / 2 - 60)}0]}`, `"${'\\u0041'.repeat(limit / 6 - 1)}"`, `{"a":${'{"a":'.repeat(limit / 5 - 2)}`]) {
      const bytes = new Uint8Array(Buffer.from(text.slice(0, limit)));
      expect(bytes.length).toBeLessThanOrEqual(limit);
      expect(readBundle(bytes).ok).toBe(false);
    }
  });

  it('the import over the contract: mutated bundles are imported whole or refused, and a refusal writes nothing', { timeout: 120_000 * RUNS_FACTOR }, async () => {
    const target: FuzzTarget<Uint8Array> = {
      name: 'bundles.import',
      feed: async (bytes) => {
        try {
          await ws.call('bundles.import', { file: Buffer.from(bytes).toString('base64'), fileName: 'fuzzed.waymark.json' });
          return { kind: 'accepted' };
        } catch (error) {
          if (!(error instanceof WaymarkError)) throw error;
          return { kind: 'refused', code: error.code, message: error.message };
        }
      },
    };
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(bytesMutated, jsonMutated), async (input) => {
        seen[(await check(target, input, ws.ctx.db)).kind]++;
      }),
      propertyRun('bundles.import', 20261205, 250),
    );
    expect(seen.accepted).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(100);
  });
});

/**
 * Maps from spreadsheets: any bytes under any name are read into a grid — stages and lanes in order, within the
 * limits, every problem and warning a sentence at a cell's address — or refused in a sentence, never a throw;
 * what each lane holds is read for its suggested kind and for any kind, never a throw. Through the contract, a
 * refused import writes nothing.
 */
function mapGridTarget(): FuzzTarget<{ bytes: Uint8Array; fileName: string; kind: (typeof KINDS)[number] }> {
  return {
    name: 'map grid reader',
    feed: ({ bytes, fileName, kind }) => {
      const read = readMapSheet(bytes, fileName);
      if (!read.ok) {
        if (!/^[A-Z].*[.]$/s.test(read.message)) throw new Error(`a refusal that is not a sentence: ${read.message}`);
        return Promise.resolve({ kind: 'refused', code: 'Invalid', message: read.message });
      }
      const { grid, cards } = read.sheet;
      if (grid.stages.length > MAP_IMPORT_LIMITS.stages + 1 || grid.lanes.length > MAP_IMPORT_LIMITS.lanes) throw new Error(`${grid.stages.length} stages, ${grid.lanes.length} lanes`);
      grid.stages.forEach((s, i) => {
        if (s.name.trim() === '' || (i > 0 && s.column <= (grid.stages[i - 1]?.column ?? 0))) throw new Error(`stages out of order or unnamed: ${JSON.stringify(grid.stages)}`);
      });
      let last = 0;
      for (const lane of grid.lanes) {
        if (lane.title.trim() === '' || lane.rows[0]?.row !== lane.row) throw new Error(`a lane without a title or its first row: ${JSON.stringify(lane)}`);
        for (const r of lane.rows) {
          if (r.row <= last || r.cells.length !== grid.stages.length) throw new Error(`lane rows out of order or of the wrong width: ${JSON.stringify(lane)}`);
          last = r.row;
        }
      }
      const content = [interpret(grid, grid.lanes.map(suggestKind), { scale: EMOTION_BOUNDS }), interpret(grid, grid.lanes.map(() => kind), { scale: EMOTION_BOUNDS })];
      const all = [...grid.problems, ...grid.warnings, ...(cards?.problems ?? []), ...content.flatMap((c) => [...c.problems, ...c.warnings])];
      for (const p of all) {
        if (!/^[A-Z“].*[.)]$/s.test(p.message)) throw new Error(`a problem that is not a sentence: ${p.message}`);
        if (p.cell !== null && !/^(Cards!)?[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/.test(p.cell)) throw new Error(`a problem at no cell: ${p.cell}`);
      }
      for (const c of content) if (c.cards > MAP_IMPORT_LIMITS.cards + 1_000) throw new Error(`${c.cards} cards read`);
      return Promise.resolve({ kind: grid.problems.length > 0 ? 'refused' : 'accepted', ...(grid.problems.length > 0 ? { code: 'Invalid', message: grid.problems[0]?.message ?? '' } : {}) } as Outcome);
    },
  };
}

const KINDS = ['text', 'emotion', 'metrics', 'owners', 'evidence', 'touchpoints'] as const;

describe('fuzzing map grids', () => {
  const fixtures = path.join(import.meta.dirname, '../../fixtures/spreadsheets/maps');
  const seeds = () => [
    ...fs
      .readdirSync(fixtures)
      .filter((f) => /\.(csv|xlsx|xls|ods)$/.test(f))
      .map((f) => ({ fileName: f, bytes: new Uint8Array(fs.readFileSync(path.join(fixtures, f))) })),
    { fileName: 'sample.xlsx', bytes: new Uint8Array(Buffer.from(sampleWorkbook, 'base64')) },
  ];
  const kind = fc.constantFrom(...KINDS);
  const mutated = fc
    .record({ seed: fc.nat(), edits: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }), cut: fc.option(fc.nat()), kind })
    .map(({ seed, edits, cut, kind }) => {
      const all = seeds();
      const chosen = all[seed % all.length] ?? { fileName: 'a.csv', bytes: new Uint8Array() };
      const bytes = chosen.bytes.slice(0, cut === null ? undefined : cut % (chosen.bytes.length + 1));
      for (const e of edits) if (bytes.length > 0) bytes[e.at % bytes.length] = e.byte;
      return { bytes, fileName: chosen.fileName, kind };
    });
  const pieces = [',', ';', '\t', '"', '\n', '\r\n', 'Map', 'Discover', '', ' ', '•', '- ', '* ', '·', ' · 3 votes', '… and 2 more cards (see the Cards sheet)', '1', '-2', '5', '12', '1.5', '1,200', '12%', 'Score', 'Label', 'Ana: score', 'Quotes', 'Newest quotes', 'Owners', 'Touchpoints', 'x'.repeat(130)];
  const textual = fc
    .record({ parts: fc.array(fc.constantFrom(...pieces), { maxLength: 120 }), fileName: fc.constantFrom('a.csv', 'a.tsv', 'a.txt'), kind })
    .map(({ parts, fileName, kind }) => ({ bytes: new TextEncoder().encode(parts.join('')), fileName, kind }));
  const random = fc.record({ bytes: fc.uint8Array({ maxLength: 300 }), fileName: fc.constantFrom('a.csv', 'a.xlsx', 'a.xls', 'a.ods'), kind });

  it('the reader: any bytes are read into a grid in order within the limits, problems at cells in sentences, or refused in a sentence; never a throw', { timeout: 120_000 * RUNS_FACTOR }, async () => {
    const target = mapGridTarget();
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, textual, random), async (input) => {
        seen[(await check(target, input, ws.ctx.db)).kind]++;
      }),
      propertyRun('map grid reader', 20261206, 1500),
    );
    expect(seen.accepted).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });

  it('the import over the contract: mutated grids and workbooks are imported whole or refused, and a refusal writes nothing', { timeout: 120_000 * RUNS_FACTOR }, async () => {
    const target: FuzzTarget<{ bytes: Uint8Array; fileName: string; kind: (typeof KINDS)[number] }> = {
      name: 'maps.import',
      feed: async ({ bytes, fileName, kind }) => {
        try {
          await ws.call('maps.import', { file: Buffer.from(bytes).toString('base64'), fileName, title: 'Fuzzed import', lanes: [{ row: 2, kind }] });
          return { kind: 'accepted' };
        } catch (error) {
          if (!(error instanceof WaymarkError)) throw error;
          return { kind: 'refused', code: error.code, message: error.message };
        }
      },
    };
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, textual), async (input) => {
        seen[(await check(target, input, ws.ctx.db)).kind]++;
      }),
      propertyRun('maps.import', 20261207, 250),
    );
    expect(seen.accepted).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(50);
  });
});

/**
 * Malformed and hostile bundles over the contract: each one refused by the preview and by the import with its
 * message, and the workspace exactly as it was, every row of every table; maps too big to be a bundle refused
 * at export, and the biggest one a bundle may hold exported and imported.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_LIMITS } from '../../../electron/api/bundles.ts';
import { firstKeys } from '../../../electron/core/positions.ts';
import type { Workspace } from '../../../electron/core/workspace.ts';
import { canonical, dump, enrich, open, type Rich } from './bundleWorkspace.ts';
import { refusal, tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
let rich: Rich;
let original: string;
beforeEach(async () => {
  dir = tempDir();
  ws = open(dir, 'w.waymark', true);
  rich = await enrich(ws);
  original = (await ws.call('bundles.export', { mapId: rich.mapId })).text;
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Doc = Record<string, unknown> & { map: Record<string, unknown>; cards: Record<string, unknown>[]; stages: Record<string, unknown>[]; personas: Record<string, unknown>[] };
const edited = (edit: (b: Doc) => void) => {
  const b = JSON.parse(original) as Doc;
  edit(b);
  return JSON.stringify(b);
};
const file = (content: string | Uint8Array) => ({ file: Buffer.from(content).toString('base64'), fileName: 'hostile.waymark.json' });

describe('a bundle that cannot be imported', () => {
  const cases: [string, () => string | Uint8Array, string | RegExp][] = [
    ['not JSON', () => 'Checkout journey, stages: Browse, Pay', 'The file cannot be read as a map bundle: expected a value (a text in double quotes, a number, true, false, null, a list or an object), but found “C” (line 1, column 1).'],
    ['not text', () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00]), 'The file is not a Waymark map bundle: it is not text (a bundle is JSON, in UTF-8).'],
    ['cut short', () => original.slice(0, Math.floor(original.length * 0.6)), /^The file is cut short: it ends at line \d+ before its JSON is complete\.$/],
    ['of another format', () => edited((b) => (b.format = 'waymark-workspace')), 'The file is not a Waymark map bundle: its format is "waymark-workspace", not "waymark-map-bundle".'],
    ['of a newer version', () => edited((b) => (b.version = 7)), 'This bundle was made by a newer version of Waymark (bundle version 7; this version reads version 1). Update Waymark to import it.'],
    ['of a field of the wrong type', () => edited((b) => (b.cards[3] = { ...b.cards[3], votes: 'many' })), 'This map bundle cannot be imported: cards[3].votes must be a number, not text.'],
    ['linking to a stage it does not hold', () => edited((b) => (b.cards[5] = { ...b.cards[5], stageId: 'gone' })), 'This map bundle cannot be imported: cards[5].stageId names no stage of the bundle (“gone”).'],
    ['giving two stages one id', () => edited((b) => (b.stages[2] = { ...b.stages[2], id: b.stages[0]?.id })), 'This map bundle cannot be imported: stages[2].id is the id of stages[0] too.'],
    ['with a text over its limit', () => edited((b) => (b.cards[0] = { ...b.cards[0], text: 'x'.repeat(4001) })), 'This map bundle cannot be imported: cards[0].text must be at most 4000 characters.'],
    ['with too many cards', () => edited((b) => (b.cards = Array.from({ length: BUNDLE_LIMITS.cards + 1 }, () => ({})))), 'This map bundle cannot be imported: cards holds 50,001 records; a bundle may hold at most 50,000.'],
    ['nested 100,000 deep', () => `{"format":"waymark-map-bundle","version":1,"map":${'['.repeat(100_000)}`, 'This map bundle cannot be imported: map[0][0][0][0][0][0][0] cannot be read: lists and objects are nested more than 8 levels deep (line 1, column 57).'],
    ['with a __proto__ key', () => original.replace('"map": {', '"map": {"__proto__": {"isAdmin": true}, '), 'This map bundle cannot be imported: map.__proto__ cannot be read: the field name “__proto__” is not allowed in a bundle (line 6, column 11).'],
    ['with a constructor key in a card', () => original.replace(/("cards": \[\n {4}\{)/, '$1"constructor": {"prototype": {}}, '), /^This map bundle cannot be imported: cards\[0\]\.constructor cannot be read: the field name “constructor” is not allowed in a bundle \(line \d+, column 6\)\.$/],
    ['with a persona picture that is no picture', () => edited((b) => (b.personas[1] = { ...b.personas[1], image: Buffer.from('<svg onload="alert(1)"/>').toString('base64') })), 'This map bundle cannot be imported: personas[1].image is not a picture Waymark can store (this is not a picture Waymark can use: pick a PNG, JPEG or WebP file).'],
  ];

  for (const [name, content, message] of cases) {
    it(`is refused when ${name}, and nothing is written`, async () => {
      const before = dump(ws.ctx.db);
      const input = file(content());
      const preview = await ws.call('bundles.preview', input);
      expect(preview.ok).toBe(false);
      if (typeof message === 'string') expect(preview.ok ? '' : preview.message).toBe(message);
      else expect(preview.ok ? '' : preview.message).toMatch(message);
      const refused = await refusal(ws.call('bundles.import', input));
      expect(refused.code).toBe('Invalid');
      expect(refused.message).toBe(`${preview.ok ? '' : preview.message} Nothing was imported.`);
      expect(refused.issues?.[0]).toBe(preview.ok ? '' : preview.problems.map((p) => (p.path === '' ? p.message : `${p.path} ${p.message}`))[0]);
      expect(dump(ws.ctx.db)).toEqual(before);
    });
  }

  it('lists every problem it found, as the preview does', async () => {
    const text = edited((b) => {
      b.cards[0] = { ...b.cards[0], laneId: 'nope' };
      b.cards[1] = { ...b.cards[1], stageId: 'none' };
    });
    const preview = await ws.call('bundles.preview', file(text));
    expect(preview.ok ? [] : preview.problems).toEqual([
      { path: 'cards[0].laneId', message: 'names no lane of the bundle (“nope”)' },
      { path: 'cards[1].stageId', message: 'names no stage of the bundle (“none”)' },
    ]);
    const refused = await refusal(ws.call('bundles.import', file(text)));
    expect(refused.issues).toEqual(['cards[0].laneId names no lane of the bundle (“nope”)', 'cards[1].stageId names no stage of the bundle (“none”)']);
  });

  it('is refused by the contract when the file is too large to carry, or not base64', async () => {
    const before = dump(ws.ctx.db);
    const big = { file: 'A'.repeat(Math.ceil(BUNDLE_LIMITS.bytes / 3) * 4 + 4), fileName: 'big.waymark.json' };
    for (const name of ['bundles.preview', 'bundles.import'] as const) {
      expect(await refusal(ws.call(name, big))).toMatchObject({ code: 'Invalid', issues: ['file is too large: a map bundle may have at most 6 MB'] });
      expect(await refusal(ws.call(name, { file: 'not base64!', fileName: 'a.json' }))).toMatchObject({ code: 'Invalid', issues: ['file must be the file in base64'] });
      expect(await refusal(ws.call(name, { file: '', fileName: '  ' }))).toMatchObject({ code: 'Invalid', issues: ['fileName must not be empty'] });
    }
    expect(dump(ws.ctx.db)).toEqual(before);
  });

  it('is taken at exactly the size limit', async () => {
    const padded = Buffer.concat([Buffer.from(original), Buffer.alloc(BUNDLE_LIMITS.bytes - Buffer.byteLength(original), 0x20)]);
    expect(padded.length).toBe(BUNDLE_LIMITS.bytes);
    const done = await ws.call('bundles.import', file(padded));
    expect(done.maps[0]?.title).toBe('First online grocery order (imported)');
  });

  it('writes nothing when the workspace refuses a row half-way (one transaction)', async () => {
    // A trigger stands in for any failure of the workspace after some of the import's rows were written.
    ws.ctx.db.exec("CREATE TRIGGER fail_on_links BEFORE INSERT ON quote_links WHEN NEW.map_id NOT IN (SELECT id FROM maps WHERE title = 'First online grocery order') BEGIN SELECT RAISE(ABORT, 'no'); END");
    const before = dump(ws.ctx.db);
    expect(await refusal(ws.call('bundles.import', file(original)))).toMatchObject({ code: 'Invalid', message: 'That change breaks a rule of the workspace and was not saved.' });
    expect(dump(ws.ctx.db)).toEqual(before);
  });
});

describe('a map too big for a bundle', () => {
  let added = 0;
  const addCards = (n: number) => {
    const { db } = ws.ctx;
    const lane = db.prepare("SELECT id FROM lanes WHERE map_id = ? AND kind = 'text' ORDER BY position LIMIT 1").pluck().get(rich.mapId) as string;
    const insert = db.prepare('INSERT INTO cards (id, map_id, lane_id, stage_id, text, position) VALUES (?, ?, ?, ?, ?, ?)');
    const keys = firstKeys(n);
    // Ids and texts of one width, so that every card takes as many bytes in a bundle.
    const name = () => String(++added).padStart(12, '0'); // 16 characters with 'bulk', as long as the app's ids
    db.transaction(() => keys.forEach((key) => insert.run(`bulk${name()}`, rich.mapId, lane, rich.checkout, `Card ${String(added).padStart(6, '0')}`, `z${key}`)))();
  };
  const cards = () => ws.ctx.db.prepare('SELECT count(*) FROM cards WHERE map_id = ?').pluck().get(rich.mapId) as number;

  it('is refused at export when it has more cards than a bundle may hold (the count is checked before the size)', { timeout: 60_000 }, async () => {
    addCards(BUNDLE_LIMITS.cards - cards());
    // As many cards as a bundle may hold: these are too many bytes, and that is what it says.
    expect((await refusal(ws.call('bundles.export', { mapId: rich.mapId }))).message).toMatch(/^The map “First online grocery order” with its evidence is [\d,]+ bytes as a bundle;/);
    addCards(1);
    expect(await refusal(ws.call('bundles.export', { mapId: rich.mapId }))).toMatchObject({
      code: 'Unsupported',
      message: 'The map “First online grocery order” has 50,001 cards; a map bundle may hold at most 50,000, so it cannot be exported as one.',
    });
  });

  it('is exported up to the size limit, and the file is imported whole', { timeout: 60_000 }, async () => {
    // Cards until the bundle is just under the limit in bytes.
    const size = async () => (await ws.call('bundles.export', { mapId: rich.mapId })).size;
    const start = await size();
    addCards(1000);
    const per = ((await size()) - start) / 1000;
    addCards(Math.floor((BUNDLE_LIMITS.bytes - (await size())) / per) - 10);
    // One card's text makes up the rest: the bundle is exactly as big as a bundle may be.
    ws.ctx.db.prepare("UPDATE cards SET text = text || ? WHERE id = (SELECT min(id) FROM cards WHERE id LIKE 'bulk%')").run('x'.repeat(BUNDLE_LIMITS.bytes - (await size())));
    const exported = await ws.call('bundles.export', { mapId: rich.mapId });
    expect(exported.size).toBe(BUNDLE_LIMITS.bytes);
    const other = open(dir, 'other.waymark');
    try {
      const done = await other.call('bundles.import', file(exported.text));
      expect(done.cards).toHaveLength(cards());
      expect(canonical((await other.call('bundles.export', { mapId: done.mapId })).text)).toBe(canonical(exported.text));
    } finally {
      other.close();
    }
  });

  it('is refused at export when its file would be over the size limit', async () => {
    ws.ctx.db.prepare("UPDATE interviews SET transcript = ? WHERE title = 'Call with Ana'").run('x'.repeat(BUNDLE_LIMITS.bytes));
    expect(await refusal(ws.call('bundles.export', { mapId: rich.mapId }))).toMatchObject({
      code: 'Unsupported',
      message: expect.stringMatching(/^The map “First online grocery order” with its evidence is 6,3\d\d,\d\d\d bytes as a bundle; a map bundle may have at most 6,291,456 \(6 MB\), so it cannot be exported as one\.$/) as unknown,
    });
  });

  it('leaves out a stored picture that is not one (a file edited by hand), as the persona screen does', async () => {
    ws.ctx.db.prepare('UPDATE personas SET image = ? WHERE id = ?').run(Buffer.from('not a picture'), rich.personas.sam);
    const text = (await ws.call('bundles.export', { mapId: rich.mapId })).text;
    const sam = (JSON.parse(text) as { personas: { id: string; image: string | null }[] }).personas.find((p) => p.id === rich.personas.sam);
    expect(sam?.image).toBeNull();
    expect((await ws.call('bundles.preview', file(text))).ok).toBe(true);
  });
});

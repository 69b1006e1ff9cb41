/**
 * Map bundles over the contract, on real workspace files: a map exported with everything it shows, imported
 * into a fresh workspace and into the one it came from as a copy with new ids and every link remapped, and
 * exported again to the same file up to its ids; what an import reuses (tags by name, identical personas,
 * interviews and quotes) and
 * what it calls the copy; the preview that writes nothing; the ChangeSet and the event of an import.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BundleImport } from '../../../electron/api/bundles.ts';
import type { WorkspaceEvent } from '../../../electron/api/types.ts';
import { bundleFileName, bundleText } from '../../../electron/core/io/bundles/export.ts';
import { importedTitle } from '../../../electron/core/io/bundles/import.ts';
import { readBundle } from '../../../electron/core/io/bundles/read.ts';
import type { Workspace } from '../../../electron/core/workspace.ts';
import { fullBundle, picture } from '../io/bundleDocs.ts';
import { canonical, dump, enrich, idsOf, open, type Rich } from './bundleWorkspace.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
let rich: Rich;
const opened: Workspace[] = [];
beforeEach(async () => {
  dir = tempDir();
  ws = open(dir, 'w.waymark', true);
  opened.push(ws);
  rich = await enrich(ws);
});
afterEach(() => {
  for (const w of opened.splice(0)) w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const fresh = (name: string) => {
  const w = open(dir, name);
  opened.push(w);
  return w;
};
const exported = async (w: Workspace, mapId: string) => (await w.call('bundles.export', { mapId })).text;
const fileOf = (text: string) => ({ file: Buffer.from(text).toString('base64'), fileName: 'map.waymark.json' });
const parse = (text: string) => {
  const read = readBundle(new TextEncoder().encode(text));
  if (!read.ok) throw new Error(read.message);
  return read.bundle;
};
const count = (w: Workspace, sql: string, ...params: unknown[]) => w.ctx.db.prepare(sql).pluck().get(...params) as number;

/**
 * A bundle's content with every link written as what it names (a stage's name, a card's text, a persona's
 * name…) and no ids, each list sorted: equal for two bundles of the same map, in whatever order they list it.
 */
function byNames(b: ReturnType<typeof parse>): Record<string, string[]> {
  const names = new Map<string, string>();
  for (const s of b.stages) names.set(`stage ${s.id}`, s.name);
  for (const l of b.lanes) names.set(`lane ${l.id}`, l.title);
  for (const c of b.cards) names.set(`card ${c.id}`, c.text);
  for (const p of b.personas) names.set(`persona ${p.id}`, p.name);
  for (const i of b.interviews) names.set(`interview ${i.id}`, i.title);
  for (const q of b.quotes) names.set(`quote ${q.id}`, q.text);
  const kinds: Record<string, string> = { stageId: 'stage', laneId: 'lane', cardId: 'card', personaId: 'persona', interviewId: 'interview', quoteId: 'quote' };
  const named = (r: object) =>
    JSON.stringify(Object.entries(r as Record<string, unknown>).filter(([k]) => k !== 'id').map(([k, v]) => [k, k in kinds && typeof v === 'string' ? names.get(`${kinds[k] ?? ''} ${v}`) : v]));
  // The map's own times are the import's (it is a new map).
  const lists = { map: [{ ...b.map, personaIds: b.map.personaIds.map((p) => names.get(`persona ${p}`)), createdAt: '', updatedAt: '' }], stages: b.stages, lanes: b.lanes, cards: b.cards, emotions: b.emotions, metrics: b.metrics, personas: b.personas, interviews: b.interviews, quotes: b.quotes, quoteLinks: b.quoteLinks };
  return Object.fromEntries(Object.entries(lists).map(([k, list]) => [k, (list as object[]).map(named).sort()]));
}

describe('bundles.export', () => {
  it('holds the map with everything it shows, and nothing else of the workspace', async () => {
    const file = await ws.call('bundles.export', { mapId: rich.mapId });
    expect(file).toMatchObject({ fileName: 'First online grocery order.waymark.json', mediaType: 'application/json' });
    expect(file.size).toBe(Buffer.byteLength(file.text));
    const b = parse(file.text);
    const { db } = ws.ctx;
    const onMap = (table: string) => count(ws, `SELECT count(*) FROM ${table} WHERE map_id = ?`, rich.mapId);
    expect(b.stages).toHaveLength(onMap('stages'));
    expect(b.lanes).toHaveLength(onMap('lanes'));
    expect(b.cards).toHaveLength(onMap('cards'));
    expect(b.emotions).toHaveLength(onMap('emotion_points'));
    expect(b.metrics).toHaveLength(onMap('metrics'));
    expect(b.quoteLinks).toHaveLength(onMap('quote_links'));
    expect(b.map).toMatchObject({ id: rich.mapId, title: 'First online grocery order', emotionMin: -3, emotionMax: 3, personaIds: [rich.personas.maya, rich.personas.sam] });
    // The map's personas in its header's order, then the one interviewed and the one only on a curve, by name.
    expect(b.personas.map((p) => p.id)).toEqual([rich.personas.maya, rich.personas.sam, rich.personas.ana, rich.personas.lee]);
    expect(b.personas[1]).toEqual({ id: rich.personas.sam, name: 'Sam Reid', role: 'Commuter', quote: '', goals: '', needs: '', frustrations: '', color: '#cc3366', image: picture('chromium-40x30.png') });
    expect(b.personas[3]?.image).toBeNull();
    // Only the quotes placed on the map, and the interviews they are from, with their bodies and turns.
    const linked = db.prepare('SELECT DISTINCT quote_id FROM quote_links WHERE map_id = ?').pluck().all(rich.mapId) as string[];
    expect(b.quotes.map((q) => q.id).sort()).toEqual([...linked].sort());
    expect(b.interviews.map((i) => i.title)).toEqual(['Call with Ana', 'Maya, first order walkthrough', 'Support chat: late delivery']);
    const call = b.interviews[0];
    expect(call).toMatchObject({ participant: 'Ana', personaId: rich.personas.ana, heldOn: '2026-03-05', method: 'usability test', format: 'vtt' });
    expect(call?.body).toBe((await ws.call('interviews.get', { id: call?.id ?? '' })).body);
    expect(call?.turns).toEqual([
      { speaker: 'Ana', start: 1, end: 4, from: 0, to: 34 },
      { speaker: 'Ben', start: 5, end: 8, from: 36, to: 63 },
    ]);
    const fees = b.quotes.find((q) => q.text === 'The fees surprised me at checkout.');
    expect(fees).toMatchObject({ interviewId: call?.id, startOffset: 0, endOffset: 34, sentiment: -2, speaker: 'Ana', atSeconds: 1, saidOn: '2026-03-05' });
    // A quote without a day is written without the field, as bundles were before quotes kept days: builds from
    // then read it (their quote schema is strict, and knows no saidOn).
    const written = JSON.parse(file.text) as { quotes: Record<string, unknown>[] };
    const dayless = written.quotes.filter((q) => !('saidOn' in q));
    expect(dayless.length).toBe(b.quotes.filter((q) => q.saidOn === null).length);
    expect(dayless.length).toBeGreaterThan(0);
    expect(written.quotes.filter((q) => 'saidOn' in q).every((q) => typeof q.saidOn === 'string')).toBe(true);
    expect(fees?.tags).toEqual(['churn risk', 'Hidden fees']);
    expect(b.quoteLinks.filter((l) => l.quoteId === fees?.id).map((l) => [l.stageId, l.cardId])).toEqual([
      [rich.checkout, null],
      [rich.checkout, rich.card],
    ]);
    expect(file.text).not.toMatch(/Zoe Unrelated|Unrelated call|Nothing to do with groceries/);
    expect(b.quotes.map((q) => q.text)).not.toContain('Tracking the van was great.');
  });

  it('writes the same file twice, keys in one order, a record a line', async () => {
    const first = await exported(ws, rich.mapId);
    const second = await exported(ws, rich.mapId);
    const lines = (text: string) => text.split('\n').filter((l) => !l.includes('"exportedAt"'));
    expect(lines(second)).toEqual(lines(first));
    const text = first.split('\n');
    expect(text.slice(0, 5)).toEqual(['{', '  "format": "waymark-map-bundle",', '  "version": 1,', expect.stringMatching(/^ {2}"exportedAt": "2026-11-01T\d\d:\d\d:\d\d\.000Z",$/) as unknown, '  "app": {"name":"Waymark","schemaVersion":4},'.replace('4', String(parse(first).app?.schemaVersion))]);
    expect(text[5]).toMatch(/^ {2}"map": \{"id":"[^"]+","title":"First online grocery order","description":/);
    expect(text.filter((l) => /^ {2}"\w+": \[$/.test(l)).map((l) => l.trim())).toEqual(['"stages": [', '"lanes": [', '"cards": [', '"emotions": [', '"metrics": [', '"personas": [', '"interviews": [', '"quotes": [', '"quoteLinks": [']);
    const b = parse(first);
    expect(text.filter((l) => l.startsWith('    {'))).toHaveLength(b.stages.length + b.lanes.length + b.cards.length + b.emotions.length + b.metrics.length + b.personas.length + b.interviews.length + b.quotes.length + b.quoteLinks.length);
    expect(Object.keys(JSON.parse(text.find((l) => l.includes('"laneId"') && l.includes('"votes"'))?.trim().replace(/,$/, '') ?? '{}') as object)).toEqual(['id', 'laneId', 'stageId', 'text', 'color', 'channel', 'votes', 'evidence']);
    expect(first.endsWith('\n  ]\n}\n')).toBe(true);
  });

  it('lists records in an order of the map, not of ids: stages and lanes as shown, cards by cell, curves by lane, stage and persona', async () => {
    const b = parse(await exported(ws, rich.mapId));
    const doc = await ws.call('maps.get', { id: rich.mapId });
    expect(b.stages.map((s) => s.id)).toEqual(doc.stages.map((s) => s.id));
    expect(b.lanes.map((l) => l.id)).toEqual(doc.lanes.map((l) => l.id));
    const at = (list: { id: string }[], id: string | null) => list.findIndex((r) => r.id === id);
    const cardKeys = b.cards.map((c) => [at(b.lanes, c.laneId), at(b.stages, c.stageId), doc.cards.find((d) => d.id === c.id)?.position ?? '']);
    expect(cardKeys).toEqual([...cardKeys].sort((x, y) => (x[0] as number) - (y[0] as number) || (x[1] as number) - (y[1] as number) || String(x[2]).localeCompare(String(y[2]))));
    const byParts = (x: readonly number[], y: readonly number[]) => x.reduce((d, v, i) => d || v - (y[i] ?? 0), 0);
    const emotionKeys = b.emotions.map((e) => [at(b.lanes, e.laneId), at(b.stages, e.stageId), at(b.personas, e.personaId)]);
    expect(emotionKeys).toEqual([...emotionKeys].sort(byParts));
    expect(emotionKeys.some((k) => k[2] === -1) && emotionKeys.some((k) => k[2] === 3)).toBe(true);
    const linkKeys = b.quoteLinks.map((l) => [at(b.stages, l.stageId), at(b.cards, l.cardId), at(b.quotes, l.quoteId)]);
    expect(linkKeys).toEqual([...linkKeys].sort(byParts));
    const metricKeys = b.metrics.map((m) => [at(b.stages, m.stageId), m.name.toLowerCase()] as const);
    expect(metricKeys).toEqual([...metricKeys].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0)));
  });

  it('names the file after the map, safely on every system', () => {
    expect(bundleFileName('Checkout journey')).toBe('Checkout journey.waymark.json');
    expect(bundleFileName('Q3: "new" <flow> a/b\\c|d?e*f')).toBe('Q3 new flow a b c d e f.waymark.json');
    expect(bundleFileName('tab\there\u0000nul\u0085next')).toBe('tab here nul next.waymark.json');
    expect(bundleFileName('  ..Hidden. . ')).toBe('Hidden.waymark.json');
    expect(bundleFileName('...')).toBe('Map.waymark.json');
    expect(bundleFileName('CON')).toBe('Map CON.waymark.json');
    expect(bundleFileName('lpt1.old')).toBe('Map lpt1.old.waymark.json');
    expect(bundleFileName('Console')).toBe('Console.waymark.json');
    expect(bundleFileName('Café ☕ 2026')).toBe('Café ☕ 2026.waymark.json');
    const long = bundleFileName('é'.repeat(200));
    expect(long).toBe(`${'é'.repeat(60)}.waymark.json`);
    expect(bundleFileName(`${'a'.repeat(119)}😀 tail`)).toBe(`${'a'.repeat(119)}.waymark.json`);
    expect(bundleFileName(`${'a'.repeat(116)}😀 tail`)).toBe(`${'a'.repeat(116)}😀.waymark.json`);
  });

  it('writes an empty list as [] and a map without records as one line a field', () => {
    const b = parse(JSON.stringify({ format: 'waymark-map-bundle', version: 1, map: { title: 'Empty' } }));
    expect(bundleText(b)).toBe(
      '{\n  "format": "waymark-map-bundle",\n  "version": 1,\n  "map": {"title":"Empty","description":"","emotionMin":-2,"emotionMax":2,"personaIds":[]},\n  "stages": [],\n  "lanes": [],\n  "cards": [],\n  "emotions": [],\n  "metrics": [],\n  "personas": [],\n  "interviews": [],\n  "quotes": [],\n  "quoteLinks": []\n}\n',
    );
  });

  it('refuses a map that is not there', async () => {
    await expect(ws.call('bundles.export', { mapId: 'no-such-map' })).rejects.toMatchObject({ code: 'NotFound', message: 'No map with id "no-such-map" exists in this workspace; it may have been deleted.' });
  });
});

describe('bundles.import', () => {
  it('into a fresh workspace: the same map with new ids, links remapped, exported again to the same file up to ids', async () => {
    const original = await exported(ws, rich.mapId);
    const other = fresh('other.waymark');
    const preview = await other.call('bundles.preview', fileOf(original));
    expect(preview).toEqual({
      ok: true,
      title: 'First online grocery order',
      importedTitle: 'First online grocery order',
      exportedAt: parse(original).exportedAt,
      create: { stages: 6, lanes: 9, cards: 33, emotions: 9, metrics: 8, personas: 4, interviews: 3, quotes: 7, quoteLinks: 8, tags: 8 },
      reuse: { tags: [], personas: [], interviews: [], quotes: 0 },
      problems: [],
    });
    const done = await other.call('bundles.import', fileOf(original));
    const again = await exported(other, done.mapId);
    expect(canonical(again)).toBe(canonical(original));
    // Every record is new: no id of the copy is one of the original's.
    const before = idsOf(original);
    expect([...idsOf(again)].filter((id) => before.has(id))).toEqual([]);
    const copy = parse(again);
    expect(copy.map.id).toBe(done.mapId);
    for (const l of copy.quoteLinks) {
      expect(count(other, 'SELECT count(*) FROM stages WHERE id = ? AND map_id = ?', l.stageId, done.mapId)).toBe(1);
      if (l.cardId !== null) expect(count(other, 'SELECT count(*) FROM cards WHERE id = ? AND stage_id = ?', l.cardId, l.stageId)).toBe(1);
    }
    expect(copy.personas.map((p) => p.name)).toEqual(['Maya Okafor', 'Sam Reid', 'Ana Silva', 'Lee Park']);
    expect((await other.call('personas.image', { id: copy.personas[1]?.id ?? '' })).image).toMatchObject({ type: 'image/png', width: 40, height: 30, data: picture('chromium-40x30.png') });
    // The imported research is found like any other: full text, tags by name.
    const found = await other.call('quotes.search', { query: 'fees surprised' });
    expect(found.hits.map((h) => h.quote.text)).toEqual(['The fees surprised me at checkout.']);
    expect((await other.call('tags.list', {})).map((t) => [t.name, t.quoteCount])).toContainEqual(['Hidden fees', 1]);
    expect(count(other, 'SELECT count(*) FROM maps')).toBe(1);
  });

  it('into the workspace it came from: a copy called “(imported)”, identical personas, interviews and quotes reused, the original as it was', async () => {
    const original = await exported(ws, rich.mapId);
    const personas = count(ws, 'SELECT count(*) FROM personas');
    const tags = count(ws, 'SELECT count(*) FROM tags');
    const interviews = count(ws, 'SELECT count(*) FROM interviews');
    const quotes = count(ws, 'SELECT count(*) FROM quotes');
    const preview = await ws.call('bundles.preview', fileOf(original));
    expect(preview).toMatchObject({
      ok: true,
      importedTitle: 'First online grocery order (imported)',
      create: { personas: 0, tags: 0, interviews: 0, quotes: 0, quoteLinks: 8 },
      // Every quote is reused with the tags it has here: no tag is needed.
      reuse: { personas: ['Maya Okafor', 'Sam Reid', 'Ana Silva', 'Lee Park'], interviews: parse(original).interviews.map((i) => i.title), quotes: 7, tags: [] },
    });
    const done = await ws.call('bundles.import', fileOf(original));
    expect(done.maps[0]?.title).toBe('First online grocery order (imported)');
    expect(count(ws, 'SELECT count(*) FROM personas')).toBe(personas);
    expect(count(ws, 'SELECT count(*) FROM tags')).toBe(tags);
    expect(count(ws, 'SELECT count(*) FROM interviews')).toBe(interviews);
    expect(count(ws, 'SELECT count(*) FROM quotes')).toBe(quotes);
    // Each quote once on the board, placed on both maps: the copy's links name the quotes the original's do.
    const linked = (mapId: string) => ws.ctx.db.prepare('SELECT quote_id FROM quote_links WHERE map_id = ? ORDER BY quote_id').pluck().all(mapId);
    expect(linked(done.mapId)).toEqual(linked(rich.mapId));
    const found = await ws.call('quotes.search', { query: 'fees surprised' });
    expect(found.hits.map((h) => [h.quote.text, new Set(h.links.map((l) => l.mapId))])).toEqual([['The fees surprised me at checkout.', new Set([rich.mapId, done.mapId])]]);
    const copy = await exported(ws, done.mapId);
    expect(canonical(copy)).toBe(canonical(original).replace('"title":"First online grocery order"', '"title":"First online grocery order (imported)"'));
    expect(parse(copy).personas.map((p) => p.id)).toEqual(parse(original).personas.map((p) => p.id));
    expect(canonical(await exported(ws, rich.mapId))).toBe(canonical(original));
    const third = await ws.call('bundles.import', fileOf(original));
    expect(third.maps[0]?.title).toBe('First online grocery order (imported 2)');
    expect(count(ws, 'SELECT count(*) FROM quotes')).toBe(quotes);
  });

  it('copies an interview whole where the workspace’s of that id has changed, or one of its quotes has', async () => {
    const original = await exported(ws, rich.mapId);
    const b = parse(original);
    const [first, second, third] = b.interviews;
    if (!first || !second || !third) throw new Error('the bundle has fewer interviews than expected');
    const of = (i: { id: string }) => b.quotes.filter((q) => q.interviewId === i.id);
    const edited = of(second)[0];
    if (!edited || of(first).length === 0) throw new Error('the bundle has fewer quotes than expected');
    await ws.call('interviews.update', { id: first.id, title: `${first.title} (notes tidied)` });
    await ws.call('quotes.update', { id: edited.id, sentiment: edited.sentiment === 2 ? 1 : 2 });
    const quotes = count(ws, 'SELECT count(*) FROM quotes');
    const ofSecond = count(ws, 'SELECT count(*) FROM quotes WHERE interview_id = ?', second.id);
    const preview = await ws.call('bundles.preview', fileOf(original));
    expect(preview).toMatchObject({ ok: true, create: { interviews: 2, quotes: of(first).length + of(second).length }, reuse: { interviews: [third.title], quotes: of(third).length } });
    const done = await ws.call('bundles.import', fileOf(original));
    const made = done.interviews.filter((i) => i.id !== third.id);
    expect(made.map((i) => i.title).sort()).toEqual([first.title, second.title].sort());
    expect(made.some((i) => i.id === first.id || i.id === second.id)).toBe(false);
    expect(count(ws, 'SELECT count(*) FROM quotes')).toBe(quotes + of(first).length + of(second).length);
    // The workspace's own interview gains nothing; its quote keeps the change; the copy holds the quote as it was.
    expect(count(ws, 'SELECT count(*) FROM quotes WHERE interview_id = ?', second.id)).toBe(ofSecond);
    expect(ws.ctx.db.prepare('SELECT sentiment FROM quotes WHERE id = ?').pluck().get(edited.id)).toBe(edited.sentiment === 2 ? 1 : 2);
    const copyOfSecond = made.find((i) => i.title === second.title)?.id;
    expect(done.quotes.find((q) => q.text === edited.text && q.interviewId === copyOfSecond)).toMatchObject({ sentiment: edited.sentiment });
    // The copy's links: the copied quotes where they were copied, the third interview's as they are.
    const copyLinks = new Set(ws.ctx.db.prepare('SELECT quote_id FROM quote_links WHERE map_id = ?').pluck().all(done.mapId) as string[]);
    for (const q of b.quotes) expect(copyLinks.has(q.id), q.text).toBe(q.interviewId === third.id);
  });

  it('makes a new persona where the workspace’s of that id has changed, and reuses tags whatever their case', async () => {
    const original = await exported(ws, rich.mapId);
    await ws.call('personas.update', { id: rich.personas.sam, role: 'Cyclist' });
    await ws.call('personas.setImage', { id: rich.personas.ana, image: null });
    await ws.call('tags.rename', { id: (await ws.call('tags.list', {})).find((t) => t.name === 'Hidden fees')?.id ?? '', name: 'HIDDEN FEES' });
    const preview = await ws.call('bundles.preview', fileOf(original));
    expect(preview).toMatchObject({ ok: true, create: { personas: 2, tags: 0 }, reuse: { personas: ['Maya Okafor', 'Lee Park'] } });
    expect(preview.ok && preview.reuse.tags).toContain('HIDDEN FEES');
    const done = await ws.call('bundles.import', fileOf(original));
    const copy = parse(await exported(ws, done.mapId));
    const sam = copy.personas[1];
    expect(sam).toMatchObject({ name: 'Sam Reid', role: 'Commuter' });
    expect(sam?.id).not.toBe(rich.personas.sam);
    expect(copy.map.personaIds).toEqual([rich.personas.maya, sam?.id]);
    expect(copy.emotions.filter((e) => e.personaId === sam?.id).map((e) => e.score)).toEqual([-3]);
    expect(copy.personas[2]).toMatchObject({ name: 'Ana Silva', image: picture('chromium-40x30.webp') });
    expect(copy.interviews[0]?.personaId).toBe(copy.personas[2]?.id);
    expect(copy.quotes.find((q) => q.text.startsWith('The fees'))?.tags).toEqual(['churn risk', 'HIDDEN FEES']);
    expect((await ws.call('personas.list', {})).filter((p) => p.name === 'Sam Reid')).toHaveLength(2);
  });

  it('reuses an interview only with its persona as it was: not one given another persona or none, nor one whose persona or turns changed', async () => {
    const original = await exported(ws, rich.mapId);
    const titles = parse(original).interviews.map((i) => i.title);
    const reusedAfter = async (change: () => unknown) => {
      await change();
      const preview = await ws.call('bundles.preview', fileOf(original));
      if (!preview.ok) throw new Error(preview.message);
      return preview.reuse.interviews;
    };
    const ana = parse(original).interviews.find((i) => i.title === 'Call with Ana');
    const other = parse(original).interviews.find((i) => i.title !== 'Call with Ana');
    if (!ana || !other) throw new Error('the bundle has fewer interviews than expected');
    const without = (...gone: string[]) => titles.filter((t) => !gone.includes(t));
    expect(await reusedAfter(() => undefined)).toEqual(titles);
    // Its turns changed behind the contract (a speaker renamed): the transcript is not the same.
    const turns = ws.ctx.db.prepare('SELECT turns FROM interviews WHERE id = ?').pluck().get(ana.id) as string;
    expect(await reusedAfter(() => ws.ctx.db.prepare("UPDATE interviews SET turns = json_set(turns, '$[0].speaker', 'Someone else') WHERE id = ?").run(ana.id))).toEqual(without(ana.title));
    ws.ctx.db.prepare('UPDATE interviews SET turns = ? WHERE id = ?').run(turns, ana.id);
    expect(await reusedAfter(() => undefined)).toEqual(titles);
    // Given another persona here, or none; then its own again, whose role changed since (a new persona is made).
    expect(await reusedAfter(() => ws.call('interviews.update', { id: ana.id, personaId: rich.personas.zoe }))).toEqual(without(ana.title));
    expect(await reusedAfter(() => ws.call('interviews.update', { id: ana.id, personaId: null }))).toEqual(without(ana.title));
    await ws.call('interviews.update', { id: ana.id, personaId: rich.personas.ana });
    expect(await reusedAfter(() => ws.call('personas.update', { id: rich.personas.ana, role: 'Night-shift nurse' }))).toEqual(without(ana.title));
    // One without a persona in the bundle, given one here.
    await ws.call('interviews.update', { id: other.id, personaId: null });
    const noPersona = await exported(ws, rich.mapId);
    await ws.call('interviews.update', { id: other.id, personaId: rich.personas.zoe });
    const preview = await ws.call('bundles.preview', fileOf(noPersona));
    expect(preview.ok && preview.reuse.interviews).not.toContain(other.title);
    await ws.call('interviews.update', { id: other.id, personaId: null });
    const again = await ws.call('bundles.preview', fileOf(noPersona));
    expect(again.ok && again.reuse.interviews).toContain(other.title);
  });

  it('copies an interview whole when the workspace no longer has one of its quotes, with the tags the workspace has', async () => {
    const original = await exported(ws, rich.mapId);
    const b = parse(original);
    const gone = b.quotes.find((q) => q.tags.length > 0);
    if (!gone) throw new Error('the bundle has no tagged quote');
    const siblings = b.quotes.filter((q) => q.interviewId === gone.interviewId);
    const inInterview = count(ws, 'SELECT count(*) FROM quotes WHERE interview_id = ?', gone.interviewId);
    const [tombstone] = (await ws.call('quotes.delete', { id: gone.id })).tombstones;
    const preview = await ws.call('bundles.preview', fileOf(original));
    expect(preview).toMatchObject({ ok: true, create: { interviews: 1, quotes: siblings.length, tags: 0 }, reuse: { quotes: b.quotes.length - siblings.length } });
    const done = await ws.call('bundles.import', fileOf(original));
    const copy = done.interviews.find((i) => !b.interviews.some((o) => o.id === i.id));
    expect(done.quotes.filter((q) => q.interviewId === copy?.id).map((q) => q.text).sort()).toEqual(siblings.map((q) => q.text).sort());
    // The deleted quote is not back in the workspace's interview: its undo still finds its place free.
    expect(count(ws, 'SELECT count(*) FROM quotes WHERE interview_id = ?', gone.interviewId)).toBe(inInterview - 1);
    await ws.call('tombstones.restore', { id: tombstone ?? '' });
    expect(count(ws, 'SELECT count(*) FROM quotes WHERE interview_id = ?', gone.interviewId)).toBe(inInterview);
    // Its tags are the workspace's of those names: none is made.
    expect(done.tags).toEqual([]);
    const tagNames = new Map((await ws.call('tags.list', {})).map((t) => [t.id, t.name]));
    expect(done.quotes.find((q) => q.text === gone.text && q.interviewId === copy?.id)?.tagIds.map((id) => tagNames.get(id)).sort()).toEqual([...gone.tags].sort());
  });

  it('returns what it made as a ChangeSet with the new map’s id, announced as one event', async () => {
    const original = await exported(ws, rich.mapId);
    const events: WorkspaceEvent[] = [];
    ws.subscribe((e) => events.push(e));
    const done: BundleImport = await ws.call('bundles.import', fileOf(original));
    const b = parse(original);
    expect(done.maps.map((m) => m.id)).toEqual([done.mapId]);
    expect(done.maps[0]).toMatchObject({ description: b.map.description, emotionMin: -3, emotionMax: 3, personaIds: [rich.personas.maya, rich.personas.sam] });
    expect(done.stages.map((s) => s.name).sort()).toEqual(b.stages.map((s) => s.name).sort());
    expect(done.stages.every((s) => s.mapId === done.mapId)).toBe(true);
    expect([done.lanes.length, done.cards.length, done.emotions.length, done.metrics.length, done.quoteLinks.length]).toEqual([b.lanes.length, b.cards.length, b.emotions.length, b.metrics.length, b.quoteLinks.length]);
    expect(done.personas.map((p) => p.id).sort()).toEqual(b.personas.map((p) => p.id).sort());
    // Into the workspace it came from, the interviews and quotes are reused (the ChangeSet carries them, as the
    // records the new links name): none is made, no tag either.
    expect(done.interviews.map((i) => i.id).sort()).toEqual(b.interviews.map((i) => i.id).sort());
    expect(done.quotes.map((q) => q.id).sort()).toEqual(b.quotes.map((q) => q.id).sort());
    expect(done.tags).toEqual([]);
    expect(done.deleted.cards).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'changes', operation: 'bundles.import', changes: { mapId: done.mapId, seq: events[0]?.seq } });
    const other = fresh('other.waymark');
    const made = await other.call('bundles.import', fileOf(original));
    expect(made.interviews.map((i) => i.title).sort()).toEqual(b.interviews.map((i) => i.title).sort());
    expect(made.interviews.every((i) => !b.interviews.some((o) => o.id === i.id))).toBe(true);
    expect(made.quotes.map((q) => q.text).sort()).toEqual(b.quotes.map((q) => q.text).sort());
    expect(made.tags.map((t) => t.name).sort()).toEqual(['churn risk', 'communication', 'effort', 'Hidden fees', 'motivation', 'pricing', 'search', 'substitutions'].sort());
  });

  it('keeps order in every parent: stages, lanes, the cards of a cell, the map’s personas', async () => {
    const other = fresh('other.waymark');
    const done = await other.call('bundles.import', fileOf(await exported(ws, rich.mapId)));
    const [a, b] = await Promise.all([ws.call('maps.get', { id: rich.mapId }), other.call('maps.get', { id: done.mapId })]);
    expect(b.stages.map((s) => s.name)).toEqual(a.stages.map((s) => s.name));
    expect(b.lanes.map((l) => l.title)).toEqual(a.lanes.map((l) => l.title));
    // Each cell's cards in their order (maps.get lists a cell's cards by position), cells in the map's order.
    const cells = (d: typeof a) => {
      const texts = new Map<string, string[]>();
      for (const c of d.cards) {
        const cell = `${d.lanes.findIndex((l) => l.id === c.laneId)}/${d.stages.findIndex((s) => s.id === c.stageId)}`;
        texts.set(cell, [...(texts.get(cell) ?? []), c.text]);
      }
      return [...texts].sort(([x], [y]) => (x < y ? -1 : 1));
    };
    expect(cells(b)).toEqual(cells(a));
    expect(b.personas.map((p) => p.name)).toEqual(a.personas.map((p) => p.name));
    // New keys, distinct and rising within each cell.
    const pairs = b.cards.slice(1).map((c, i) => [b.cards[i], c] as const).filter(([x, y]) => x?.laneId === y.laneId && x.stageId === y.stageId);
    expect(pairs.length).toBeGreaterThan(3);
    for (const [x, y] of pairs) expect((x?.position ?? '') < y.position).toBe(true);
  });

  it('imports a bundle written by hand, filling in what it leaves out, times with the import’s', async () => {
    const hand = [
      '\uFEFF{',
      '"format": "waymark-map-bundle", "version": 1,',
      '"map": {"title": "Sketch"},',
      '"stages": [{"id": "a", "name": "Arrive"}, {"id": "b", "name": "Leave"}],',
      '"lanes": [{"id": "l", "kind": "pains", "title": "Pains"}],',
      '"cards": [{"id": "c", "laneId": "l", "stageId": "b", "text": "Queue"}],',
      '"interviews": [{"id": "i", "title": "Hallway chat"}],',
      '"quotes": [{"id": "q", "interviewId": "i", "text": "Too long a wait"}],',
      '"quoteLinks": [{"quoteId": "q", "stageId": "b", "cardId": "c"}]',
      '}',
    ].join('\r\n');
    const before = count(ws, 'SELECT count(*) FROM maps');
    expect(await ws.call('bundles.preview', fileOf(hand))).toMatchObject({ ok: true, title: 'Sketch', exportedAt: null });
    const done = await ws.call('bundles.import', fileOf(hand));
    expect(count(ws, 'SELECT count(*) FROM maps')).toBe(before + 1);
    const when = done.maps[0]?.createdAt;
    expect(done.maps[0]).toMatchObject({ title: 'Sketch', description: '', emotionMin: -2, emotionMax: 2, personaIds: [], updatedAt: when });
    expect(done.cards).toEqual([expect.objectContaining({ text: 'Queue', color: null, channel: null, votes: 0, evidence: 'assumed', mapId: done.mapId })]);
    expect(done.interviews).toEqual([expect.objectContaining({ title: 'Hallway chat', participant: '', method: 'interview', format: 'notes', createdAt: when, updatedAt: when })]);
    expect(await ws.call('interviews.get', { id: done.interviews[0]?.id ?? '' })).toMatchObject({ body: '', turns: null });
    expect(ws.ctx.db.prepare('SELECT turns FROM interviews WHERE id = ?').pluck().get(done.interviews[0]?.id)).toBeNull();
    expect(done.quotes).toEqual([expect.objectContaining({ text: 'Too long a wait', startOffset: null, createdAt: when, tagIds: [] })]);
    expect(done.quoteLinks).toEqual([expect.objectContaining({ cardId: done.cards[0]?.id, stageId: done.cards[0]?.stageId, createdAt: when })]);
  });

  it('puts a quote on a card on the card’s stage, where a bundle from before links followed their cards left it on another', async () => {
    const hand = {
      format: 'waymark-map-bundle',
      version: 1,
      map: { title: 'Moved card' },
      stages: [
        { id: 'a', name: 'Arrive' },
        { id: 'b', name: 'Leave' },
      ],
      lanes: [{ id: 'l', kind: 'pains', title: 'Pains' }],
      // The card was moved from Arrive to Leave; its quotes' links stayed on Arrive (q2's was placed on Leave again).
      cards: [{ id: 'c', laneId: 'l', stageId: 'b', text: 'Queue' }],
      interviews: [{ id: 'i', title: 'Hallway chat' }],
      quotes: [
        { id: 'q1', interviewId: 'i', text: 'Too long a wait', sentiment: -2 },
        { id: 'q2', interviewId: 'i', text: 'Nobody at the desk', sentiment: -1 },
      ],
      quoteLinks: [
        { quoteId: 'q1', stageId: 'a', cardId: 'c' },
        { quoteId: 'q2', stageId: 'a', cardId: 'c' },
        { quoteId: 'q2', stageId: 'b', cardId: 'c' },
        { quoteId: 'q2', stageId: 'a', cardId: null },
      ],
    };
    expect(await ws.call('bundles.preview', fileOf(JSON.stringify(hand)))).toMatchObject({ ok: true, title: 'Moved card' });
    const done = await ws.call('bundles.import', fileOf(JSON.stringify(hand)));
    const doc = await ws.call('maps.get', { id: done.mapId });
    const [arrive, leave] = doc.stages.map((s) => s.id);
    const text = new Map(done.quotes.map((q) => [q.id, q.text]));
    const stored = ws.ctx.db.prepare('SELECT quote_id, stage_id, card_id FROM quote_links WHERE map_id = ? ORDER BY rowid').raw().all(done.mapId) as [string, string, string | null][];
    expect(stored.map(([q, s, c]) => [text.get(q), s === arrive ? 'Arrive' : s === leave ? 'Leave' : s, c === null ? null : 'card'])).toEqual([
      ['Too long a wait', 'Leave', 'card'],
      ['Nobody at the desk', 'Leave', 'card'],
      ['Nobody at the desk', 'Arrive', null],
    ]);
    // Counted where the card is: both quotes back Leave, one backs Arrive; the card holds two.
    const stage = (id: string | undefined) => doc.evidence.stages.find((s) => s.stageId === id);
    expect([stage(leave)?.quoteCount, stage(arrive)?.quoteCount]).toEqual([2, 1]);
    expect(doc.evidence.cards.find((c) => c.cardId === doc.cards[0]?.id)?.quoteCount).toBe(2);
  });

  it('gives the quotes it makes the order of their times, newest first on the board; those without a time newest, as listed', async () => {
    const quote = (id: string, interviewId: string, createdAt?: string) => ({ id, interviewId, text: `Said ${id}`, ...(createdAt ? { createdAt } : {}) });
    const hand = {
      format: 'waymark-map-bundle',
      version: 1,
      map: { title: 'Times' },
      stages: [{ id: 's', name: 'Only' }],
      lanes: [],
      cards: [],
      interviews: [
        { id: 'i1', title: 'A first call' },
        { id: 'i2', title: 'B second call' },
      ],
      // Listed by interview, as an export lists them; made at other times than that order.
      quotes: [
        quote('late', 'i1', '2026-05-03T10:00:00.000Z'),
        quote('untimed-1', 'i1'),
        quote('early', 'i1', '2026-05-01T10:00:00.000Z'),
        quote('tie-1', 'i2', '2026-05-02T10:00:00.000Z'),
        quote('untimed-2', 'i2'),
        quote('tie-2', 'i2', '2026-05-02T10:00:00.000Z'),
      ],
      quoteLinks: ['late', 'untimed-1', 'early', 'tie-1', 'untimed-2', 'tie-2'].map((quoteId) => ({ quoteId, stageId: 's' })),
    };
    const done = await ws.call('bundles.import', fileOf(JSON.stringify(hand)));
    const text = new Map(done.quotes.map((q) => [q.id, q.text]));
    const stageId = done.quoteLinks[0]?.stageId ?? '';
    const board = (await ws.call('quotes.search', { stageId, limit: 50 })).hits.map((h) => h.quote.text);
    expect(board).toEqual(['Said untimed-2', 'Said untimed-1', 'Said late', 'Said tie-2', 'Said tie-1', 'Said early']);
    // The map's newest quotes of the stage, in the same order.
    const doc = await ws.call('maps.get', { id: done.mapId });
    expect([...doc.quotes].sort((a, b) => b.seq - a.seq).map((q) => text.get(q.id))).toEqual(board);
  });

  it('imports every field of a bundle written by hand as it is written', async () => {
    const other = fresh('other.waymark');
    const hand = fullBundle();
    const done = await other.call('bundles.import', fileOf(JSON.stringify(hand)));
    const copy = parse(await exported(other, done.mapId));
    const original = parse(JSON.stringify(hand));
    // The tags as the workspace has them (one spelling of each, by name), and times as the file gave them.
    const asStored = { ...original, quotes: original.quotes.map((q) => ({ ...q, tags: q.tags.map((t) => (t === 'pricing' ? 'Pricing' : t)).sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase())) })) };
    expect(byNames(copy)).toEqual(byNames(asStored));
    // Tags by name, once whatever the case: the first spelling is the one made.
    expect(done.tags.map((t) => t.name).sort()).toEqual(['Pricing', 'Tracking', 'fees']);
    const ids = new Map(done.tags.map((t) => [t.name, t.id]));
    expect(done.quotes.find((q) => q.text === 'Loved the tracking')?.tagIds).toEqual([ids.get('Pricing'), ids.get('Tracking')]);
    const row = other.ctx.db.prepare('SELECT transcript, format, turns, held_on, method FROM interviews WHERE title = ?').get('Call with Ana') as Record<string, unknown>;
    expect(row).toEqual({ transcript: 'The fees surprised me.\n\nPaying took ages.', format: 'vtt', turns: JSON.stringify(hand.interviews[0]?.turns), held_on: '2026-03-05', method: 'interview' });
    expect(other.ctx.db.prepare('SELECT collapsed FROM lanes WHERE title = ?').pluck().get('Channels')).toBe(1);
    expect((await other.call('personas.image', { id: copy.personas.find((p) => p.name === 'Ana')?.id ?? '' })).image).toMatchObject({ type: 'image/webp', data: picture('chromium-40x30.webp') });
  });
});

describe('the copy’s title', () => {
  it('is the bundle’s own unless a map has it, in any case; then “(imported)”, “(imported 2)”…, within the title limit', () => {
    expect(importedTitle(new Set(), 'Onboarding')).toBe('Onboarding');
    expect(importedTitle(new Set(['other']), 'Onboarding')).toBe('Onboarding');
    expect(importedTitle(new Set(['onboarding']), 'Onboarding')).toBe('Onboarding (imported)');
    expect(importedTitle(new Set(['onboarding', 'onboarding (imported)']), 'Onboarding')).toBe('Onboarding (imported 2)');
    expect(importedTitle(new Set(['onboarding', 'onboarding (imported)', 'onboarding (imported 2)']), 'ONBOARDING')).toBe('ONBOARDING (imported 3)');
    const long = 'x'.repeat(200);
    expect(importedTitle(new Set([long]), long)).toBe(`${'x'.repeat(189)} (imported)`);
    const emoji = '😀'.repeat(200);
    expect(importedTitle(new Set([emoji]), emoji)).toBe(`${'😀'.repeat(189)} (imported)`);
    expect(importedTitle(new Set([`${'x'.repeat(188)} y`]), `${'x'.repeat(188)} y`)).toBe(`${'x'.repeat(188)} (imported)`);
    expect(importedTitle(new Set(['a'.repeat(189)]), 'a'.repeat(189))).toBe(`${'a'.repeat(189)} (imported)`);
  });

  it('in a workspace: the sample map imported twice into a fresh one, and a map of that title made later', async () => {
    const original = await exported(ws, rich.mapId);
    const other = fresh('other.waymark');
    expect((await other.call('bundles.import', fileOf(original))).maps[0]?.title).toBe('First online grocery order');
    expect((await other.call('bundles.import', fileOf(original))).maps[0]?.title).toBe('First online grocery order (imported)');
    await other.call('maps.create', { title: 'first online grocery order (IMPORTED 2)' });
    expect((await other.call('bundles.preview', fileOf(original))).ok && (await other.call('bundles.preview', fileOf(original)))).toMatchObject({ importedTitle: 'First online grocery order (imported 3)' });
    expect(dump(other.ctx.db).maps).toHaveLength(3);
  });
});

/**
 * The sample workspace a new user sees on first run: resources/sample-workspace.json written as a map with its
 * stages, lanes, cards, emotion curve, persona and research, everything in the file's order. And what seeding
 * does with a sample of other content: the fields a card may leave out, and a broken file refused whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSample, seedSample, type SampleWorkspace } from '../../../electron/core/sample.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
const NOW = '2026-11-24T09:00:00.000Z';
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const open = (sample: boolean) => {
  ws = Workspace.open(path.join(dir, 'w.waymark'), { sample, now: () => new Date(NOW) });
  return ws;
};
const all = (sql: string, ...params: unknown[]) => ws.ctx.db.prepare(sql).all(...params) as Record<string, unknown>[];
const count = (table: string) => ws.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

async function sampleDoc() {
  const [summary] = await open(true).call('maps.list', {});
  const doc = await ws.call('maps.get', { id: summary?.id ?? '' });
  const file = loadSample();
  // The file names stages and lanes by key; the workspace by id. Both keep the file's order.
  const stageKey = new Map(doc.stages.map((s, i) => [s.id, file.map.stages[i]?.key]));
  const laneKey = new Map(doc.lanes.map((l, i) => [l.id, file.map.lanes[i]?.key]));
  return { doc, file, stageKey, laneKey };
}

/** A small sample of our own, to seed into an empty workspace. */
function smallSample(change: (s: SampleWorkspace) => void = () => {}): SampleWorkspace {
  const s: SampleWorkspace = {
    persona: { key: 'p', name: 'Pat', role: '', quote: '', goals: '', needs: '', frustrations: '', color: null },
    map: {
      title: 'Small',
      description: '',
      stages: [{ key: 'one', name: 'One', description: '', owner: '', goal: '' }],
      lanes: [
        { key: 'doing', kind: 'text', title: 'Doing' },
        { key: 'feel', kind: 'emotion', title: 'Feeling' },
      ],
      cards: [{ lane: 'doing', stage: 'one', text: 'Plain' }],
      emotions: [{ lane: 'feel', stage: 'one', score: 1, label: '' }],
    },
    interviews: [{ title: 'Talk', participant: 'Pat', heldOn: '2026-01-01', method: 'interview', transcript: 'Hello there. It was fine.', quotes: [] }],
  };
  change(s);
  return s;
}

describe('the sample workspace a first run starts with', () => {
  it("holds one map with the file's stages and lanes, in the file's order, with their names, owners, goals and kinds", async () => {
    const { doc, file } = await sampleDoc();
    expect(await ws.call('maps.list', {})).toHaveLength(1);
    expect(doc.map).toMatchObject({ title: file.map.title, description: file.map.description, emotionMin: -2, emotionMax: 2, createdAt: NOW, updatedAt: NOW });
    expect(doc.stages.map((s) => ({ name: s.name, description: s.description, owner: s.owner, goal: s.goal, color: s.color, width: s.width }))).toEqual(
      file.map.stages.map((s) => ({ name: s.name, description: s.description, owner: s.owner, goal: s.goal, color: null, width: null })),
    );
    expect(doc.stages.map((s) => s.owner)).toContain('Logistics'); // the file's owners really are there
    expect(doc.lanes.map((l) => ({ kind: l.kind, title: l.title, height: l.height, collapsed: l.collapsed }))).toEqual(
      file.map.lanes.map((l) => ({ kind: l.kind, title: l.title, height: null, collapsed: false })),
    );
  });

  it("puts every card in its cell in the file's order, with its channel, votes and evidence", async () => {
    const { doc, file, stageKey, laneKey } = await sampleDoc();
    const cells = (cards: { lane: string; stage: string; text: string }[]) => {
      const out: Record<string, string[]> = {};
      for (const c of cards) (out[`${c.lane}/${c.stage}`] ??= []).push(c.text);
      return out;
    };
    const inOrder = [...doc.cards].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    expect(cells(inOrder.map((c) => ({ lane: laneKey.get(c.laneId) ?? '?', stage: stageKey.get(c.stageId) ?? '?', text: c.text })))).toEqual(cells(file.map.cards));
    const byText = new Map(doc.cards.map((c) => [c.text, c]));
    for (const c of file.map.cards) {
      expect(byText.get(c.text), c.text).toMatchObject({ channel: c.channel ?? null, votes: c.votes ?? 0, evidence: c.evidence ?? 'assumed', color: null });
    }
    // What a new user sees in a few cells, spelled out.
    expect(byText.get('Driver call')).toMatchObject({ channel: 'phone', evidence: 'observed' });
    expect(byText.get('Paste a shopping list, match every item')).toMatchObject({ votes: 8, evidence: 'proposed', channel: null });
    expect(byText.get('Compares prices with her usual store')?.evidence).toBe('assumed');
  });

  it('scores each stage on the emotion lane, within the scale, with its label', async () => {
    const { doc, file, stageKey, laneKey } = await sampleDoc();
    const emotionLane = doc.lanes.find((l) => l.kind === 'emotion');
    expect(doc.emotions.every((e) => e.laneId === emotionLane?.id && e.personaId === null)).toBe(true);
    const curve = doc.emotions.map((e) => ({ lane: laneKey.get(e.laneId), stage: stageKey.get(e.stageId), score: e.score, label: e.label }));
    expect(curve.sort((a, b) => String(a.stage).localeCompare(String(b.stage)))).toEqual(
      [...file.map.emotions].sort((a, b) => a.stage.localeCompare(b.stage)),
    );
    expect(doc.emotions.every((e) => e.score >= doc.map.emotionMin && e.score <= doc.map.emotionMax)).toBe(true);
    expect(doc.emotions.find((e) => e.label === 'Surprised by fees')?.stageId).toBe(doc.stages.find((s) => s.name === 'Checkout & slot')?.id);
  });

  it('measures its funnel: each metric on its stage, with unit, source and date, and has an evidence lane', async () => {
    const { doc, file, stageKey } = await sampleDoc();
    const metrics = doc.metrics.map((m) => ({ stage: stageKey.get(m.stageId), name: m.name, value: m.value, unit: m.unit, source: m.source, measuredAt: m.measuredAt }));
    const key = (m: { stage?: string | undefined; name: string }) => `${m.stage ?? ''}|${m.name}`;
    expect(metrics.sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...(file.map.metrics ?? [])].sort((a, b) => key(a).localeCompare(key(b))));
    expect(metrics.filter((m) => m.name === 'entered stage')).toHaveLength(doc.stages.length);
    expect(doc.lanes.filter((l) => l.kind === 'evidence' || l.kind === 'metrics').map((l) => l.title)).toEqual(['Evidence', 'Funnel']);
  });

  it('puts the persona on the map, and the interviews with their quotes found in the transcripts, linked to stages and tagged', async () => {
    const { doc, file } = await sampleDoc();
    const { key: _, ...persona } = file.persona;
    expect(doc.personas).toEqual([{ id: expect.any(String) as string, ...persona }]);
    const interviews = all('SELECT id, title, participant, persona_id, held_on, method, transcript, created_at FROM interviews ORDER BY title');
    expect(interviews.map(({ id: _id, ...rest }) => rest)).toEqual(
      [...file.interviews]
        .sort((a, b) => a.title.localeCompare(b.title))
        .map((iv) => ({ title: iv.title, participant: iv.participant, persona_id: doc.personas[0]?.id, held_on: iv.heldOn, method: iv.method, transcript: iv.transcript, created_at: NOW })),
    );
    const stageName = new Map(file.map.stages.map((s) => [s.key, s.name]));
    const expected = file.interviews.flatMap((iv) =>
      iv.quotes.map((q) => ({ interview: iv.title, text: q.text, start: iv.transcript.indexOf(q.text), sentiment: q.sentiment, stages: q.stages.map((k) => stageName.get(k)).join(','), tags: [...q.tags].sort().join(',') })),
    );
    const quotes = all(
      `SELECT i.title AS interview, q.text, q.start_offset, q.end_offset, q.sentiment, i.transcript,
         (SELECT group_concat(s.name) FROM quote_links l JOIN stages s ON s.id = l.stage_id WHERE l.quote_id = q.id AND l.card_id IS NULL) AS stages,
         (SELECT group_concat(name) FROM (SELECT t.name FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id WHERE qt.quote_id = q.id ORDER BY t.name)) AS tags
       FROM quotes q JOIN interviews i ON i.id = q.interview_id`,
    );
    expect(quotes.map((q) => ({ interview: q.interview, text: q.text, start: q.start_offset, sentiment: q.sentiment, stages: q.stages, tags: q.tags }))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(quotes).toHaveLength(expected.length);
    for (const q of quotes) expect(String(q.transcript).slice(Number(q.start_offset), Number(q.end_offset))).toBe(q.text);
    // Each tag is one record however many quotes carry it.
    expect(all('SELECT name FROM tags ORDER BY name').map((t) => t.name)).toEqual([...new Set(file.interviews.flatMap((iv) => iv.quotes.flatMap((q) => q.tags)))].sort());
    expect(all("SELECT count(*) AS n FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id WHERE t.name = 'communication'")[0]?.n).toBe(2);
  });
});

describe('seeding a sample of other content', () => {
  it('fills in what a card leaves out (no colour, no channel, no votes, evidence "assumed") and keeps what it gives', async () => {
    open(false);
    const mapId = seedSample(
      ws.ctx,
      smallSample((s) => s.map.cards.push({ lane: 'doing', stage: 'one', text: 'Dressed', color: '#aa3355', channel: 'store', votes: 2, evidence: 'observed' })),
    );
    const doc = await ws.call('maps.get', { id: mapId });
    expect(doc.cards.map(({ text, color, channel, votes, evidence }) => ({ text, color, channel, votes, evidence }))).toEqual([
      { text: 'Plain', color: null, channel: null, votes: 0, evidence: 'assumed' },
      { text: 'Dressed', color: '#aa3355', channel: 'store', votes: 2, evidence: 'observed' },
    ]);
  });

  it('finds a quote at the very start of its transcript, and gives a tag used twice in one quote one link', () => {
    open(false);
    seedSample(
      ws.ctx,
      smallSample((s) => {
        s.interviews[0]?.quotes.push({ text: 'Hello there.', sentiment: 1, stages: ['one'], tags: ['greeting', 'Greeting'] });
      }),
    );
    expect(all('SELECT text, start_offset, end_offset FROM quotes')).toEqual([{ text: 'Hello there.', start_offset: 0, end_offset: 12 }]);
    expect(all('SELECT name FROM tags')).toEqual([{ name: 'greeting' }]); // tags are one per name, whatever the case
    expect(count('quote_tags')).toBe(1);
    expect(count('quote_links')).toBe(1);
  });

  it('refuses a sample that names a lane or stage it does not have, or a quote not in its transcript, writing nothing', () => {
    open(false);
    const broken: [string, (s: SampleWorkspace) => void][] = [
      ['unknown lane "nowhere"', (s) => s.map.cards.push({ lane: 'nowhere', stage: 'one', text: 'x' })],
      ['unknown stage "never"', (s) => s.map.cards.push({ lane: 'doing', stage: 'never', text: 'x' })],
      ['unknown lane "mood"', (s) => s.map.emotions.push({ lane: 'mood', stage: 'one', score: 1, label: '' })],
      ['unknown stage "later"', (s) => s.map.emotions.push({ lane: 'feel', stage: 'later', score: 1, label: '' })],
      ['unknown stage "gone"', (s) => s.interviews[0]?.quotes.push({ text: 'It was fine.', sentiment: 0, stages: ['gone'], tags: [] })],
      ['sample quote is not in its transcript: "Never said"', (s) => s.interviews[0]?.quotes.push({ text: 'Never said', sentiment: 0, stages: [], tags: [] })],
    ];
    for (const [message, change] of broken) {
      expect(() => seedSample(ws.ctx, smallSample(change)), message).toThrow(message);
      for (const table of ['maps', 'personas', 'stages', 'lanes', 'cards', 'emotion_points', 'interviews', 'quotes', 'quote_links', 'tags']) {
        expect(count(table), `${message}: ${table}`).toBe(0);
      }
    }
  });
});

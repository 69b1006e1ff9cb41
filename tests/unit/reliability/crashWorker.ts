/**
 * Crash-test worker: `node crashWorker.ts core <workspace> <seed>` edits the workspace through core,
 * `node crashWorker.ts http <url> <token> <seed>` through the browser host. It never stops by itself: the
 * parent kills it. Lines on stdout: see crashHarness.ts.
 */
import { Workspace } from '../../../electron/core/workspace.ts';

const [mode, target, third, fourth] = process.argv.slice(2);
const seedText = mode === 'http' ? fourth : third;
let seed = Number(seedText ?? 1) >>> 0 || 1;
const random = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

type Caller = (name: string, input: unknown) => Promise<unknown>;
let call: Caller;
if (mode === 'core') {
  const ws = Workspace.open(target ?? '');
  call = (name, input) => ws.call(name as 'maps.list', input);
} else if (mode === 'http') {
  const base = new URL(target ?? '').origin;
  call = async (name, input) => {
    const res = await fetch(`${base}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${third ?? ''}` }, body: JSON.stringify(input) });
    const body = (await res.json()) as { result?: unknown; error?: { message: string } };
    if (!res.ok) throw new Error(body.error?.message ?? String(res.status));
    return body.result;
  };
} else {
  throw new Error('usage: crashWorker.ts core <file> <seed> | http <url> <token> <seed>');
}

interface Doc {
  map: { id: string };
  stages: { id: string }[];
  lanes: { id: string; kind: string }[];
  cards: { id: string; text: string; stageId: string }[];
}
const maps = (await call('maps.list', {})) as { id: string; title: string }[];
let mapId = maps.find((m) => m.title === 'Crash test')?.id;
if (!mapId) mapId = ((await call('maps.create', { title: 'Crash test', template: 'purchase-journey' })) as { maps: { id: string }[] }).maps[0]?.id;
const doc = (await call('maps.get', { id: mapId })) as Doc;
const laneId = doc.lanes.find((l) => l.kind === 'text')?.id ?? '';
const stageIds = doc.stages.map((s) => s.id);
const cards = new Map(doc.cards.map((c) => [c.id, { text: c.text, stageId: c.stageId }]));
say({ type: 'ready', mapId, laneId, stageIds });

const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
for (let seq = 0; ; seq++) {
  const ids = [...cards.keys()];
  const r = random();
  if (ids.length < 5 || r < 0.35) {
    const stageId = pick(stageIds);
    const text = `card ${seq} ${random().toString(36).slice(2, 8)}`;
    const id = `c${process.pid}x${seq}`;
    const state = { text, stageId };
    say({ type: 'intent', seq, card: id, state });
    await call('cards.create', { id, laneId, stageId, text });
    cards.set(id, state);
    say({ type: 'ack', seq, card: id, state });
  } else if (r < 0.65) {
    const id = pick(ids);
    const state = { text: `edited ${seq} ${'x'.repeat(Math.floor(random() * 200))}`, stageId: cards.get(id)?.stageId ?? '' };
    say({ type: 'intent', seq, card: id, state });
    await call('cards.update', { id, text: state.text });
    cards.set(id, state);
    say({ type: 'ack', seq, card: id, state });
  } else if (r < 0.85) {
    const id = pick(ids);
    const state = { text: cards.get(id)?.text ?? '', stageId: pick(stageIds) };
    say({ type: 'intent', seq, card: id, state });
    await call('cards.move', { id, laneId, stageId: state.stageId, index: Math.floor(random() * 4) });
    cards.set(id, state);
    say({ type: 'ack', seq, card: id, state });
  } else {
    const id = pick(ids);
    say({ type: 'intent', seq, card: id, state: null });
    await call('cards.delete', { id });
    cards.delete(id);
    say({ type: 'ack', seq, card: id, state: null });
  }
}

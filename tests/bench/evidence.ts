/**
 * Evidence for a benchmark map: interviews with quotes (sentiment, tags) linked to its stages through the
 * contract, as a research team's would be — a few hundred interviews, quotes spread over every stage.
 */
import type { Workspace } from '../../electron/core/workspace.ts';

const WORDS = ['delivery', 'slot', 'basket', 'fee', 'checkout', 'refund', 'driver', 'search', 'late', 'milk', 'app', 'price', 'substitute', 'account', 'postcode'];

/** Add `count` quotes linked to the map's stages (round robin), in interviews of 50 quotes each; returns their ids. */
export async function addEvidence(ws: Workspace, mapId: string, count: number): Promise<string[]> {
  const doc = await ws.call('maps.get', { id: mapId });
  const stages = doc.stages.map((s) => s.id);
  for (const [i, name] of ['pricing', 'effort', 'trust', 'delivery', 'search'].entries()) await ws.call('tags.create', { id: `bench-tag-${i}`, name });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 50 === 0) await ws.call('interviews.create', { id: `bench-iv-${i / 50}`, title: `Interview ${i / 50}`, participant: `Participant ${i / 50}` });
    const text = `Quote ${i}: the ${WORDS[i % WORDS.length] ?? ''} and the ${WORDS[(i * 7) % WORDS.length] ?? ''} were ${i % 3 === 0 ? 'fine' : 'a problem'} for me`;
    const made = await ws.call('quotes.create', { id: `bench-q-${i}`, interviewId: `bench-iv-${Math.floor(i / 50)}`, text, sentiment: (i % 5) - 2, tagIds: [`bench-tag-${i % 5}`] });
    ids.push(made.quotes[0]?.id ?? '');
  }
  for (const [s, stageId] of stages.entries()) {
    const mine = ids.filter((_, i) => i % stages.length === s);
    for (let i = 0; i < mine.length; i += 5000) await ws.call('quotes.link', { quoteIds: mine.slice(i, i + 5000), stageId });
  }
  return ids;
}

import { describe, expect, it } from 'vitest';
import type { Card, EmotionPoint, Interview, MapDocument, Persona, Quote, QuoteLink } from '../../../electron/api/types.ts';
import { EVIDENCE_METRICS, personaOffset, rowsThatFit } from '../../../renderer/src/canvas/evidenceLayout.ts';
import { METRICS, holdsCards, layoutModel, scoreToY, type MeasureText } from '../../../renderer/src/canvas/layout.ts';
import { setEmotion } from '../../../renderer/src/store/commands.ts';
import {
  cardQuoteCounts,
  evidenceFlag,
  flagWords,
  placedQuotes,
  sentimentOnScale,
  stageEvidence,
  stageFlags,
  stageQuotes,
} from '../../../renderer/src/store/evidence.ts';
import { linkQuotes, setQuoteSaidOn, setQuoteSentiment, tagQuote, unlinkQuote } from '../../../renderer/src/store/evidenceCommands.ts';
import { applyChanges, emotionAt, emotionByCell, teamEmotion, toModel, touchesEvidence, withEvidence, type MapModel } from '../../../renderer/src/store/mapModel.ts';
import { emptyChanges as emptyChangeSet } from '../../../electron/core/changes.ts';
import { mapDoc } from './fixtures.ts';

const measure: MeasureText = (text) => Math.max(1, Math.ceil(text.length / 20));

const interview: Interview = { id: 'i1', title: 'Walkthrough', participant: 'Maya O.', personaId: null, heldOn: null, method: 'interview', format: 'notes', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const quote = (id: string, sentiment: number | null, minute: number, speaker = ''): Quote => ({
  id,
  interviewId: 'i1',
  text: `Quote ${id} words`,
  startOffset: null,
  endOffset: null,
  sentiment,
  speaker,
  atSeconds: null,
  saidOn: null,
  tagIds: id === 'q1' ? ['t1'] : [],
  createdAt: `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`,
  // Came into the workspace in the order of their minutes.
  seq: minute,
});
const link = (id: string, quoteId: string, stageId: string, cardId: string | null = null): QuoteLink => ({ id, quoteId, mapId: 'm1', stageId, cardId, createdAt: '2026-01-02T00:00:00.000Z' });
const persona = (id: string, name: string): Persona => ({ id, name, role: '', quote: '', goals: '', needs: '', frustrations: '', color: null });

/** Stages: s0 (two quotes, −2 and −1, and one without sentiment), s1 (one quote, +2), s2 (none). */
function evidenceDoc(scale: [number, number] = [-2, 2]): MapDocument {
  const doc = mapDoc({
    stages: ['Discover', 'Buy', 'Use'],
    lanes: [
      { title: 'Actions', kind: 'text' },
      { title: 'Emotion', kind: 'emotion' },
      { title: 'Evidence', kind: 'evidence' },
    ],
    cards: [
      { lane: 0, stage: 0, text: 'a card' },
      { lane: 2, stage: 1, text: 'a card left in an evidence lane' },
    ],
    emotions: [
      { lane: 1, stage: 0, score: 1 },
      { lane: 1, stage: 1, score: 2 },
    ],
  });
  doc.map.emotionMin = scale[0];
  doc.map.emotionMax = scale[1];
  doc.interviews = [interview];
  doc.quotes = [quote('q1', -2, 1, 'Sam'), quote('q2', -1, 2), quote('q3', null, 3), quote('q4', 2, 4)];
  doc.quoteLinks = [link('k1', 'q1', 's0'), link('k2', 'q2', 's0'), link('k3', 'q2', 's0', 'c0'), link('k4', 'q3', 's0'), link('k5', 'q4', 's1')];
  // The totals as the workspace counts them (tests/unit/core/evidence.test.ts checks that counting).
  doc.evidence = {
    stages: [
      { stageId: 's0', quoteCount: 3, sentimentSum: -3, sentimentCount: 2 },
      { stageId: 's1', quoteCount: 1, sentimentSum: 2, sentimentCount: 1 },
    ],
    cards: [{ cardId: 'c0', quoteCount: 1 }],
    newest: 20,
  };
  doc.personas = [persona('p1', 'Maya'), persona('p2', 'Sam')];
  doc.map.personaIds = ['p1', 'p2'];
  const personaPoint = (id: string, personaId: string, stage: number, score: number): EmotionPoint => ({ id, mapId: 'm1', laneId: 'l1', stageId: `s${stage}`, personaId, score, label: '' });
  doc.emotions.push(personaPoint('pe1', 'p1', 0, -2), personaPoint('pe2', 'p1', 2, 1), personaPoint('pe3', 'p2', 1, 0));
  return doc;
}

describe('evidence per stage', () => {
  const model = toModel(evidenceDoc());

  it('reads each stage’s totals: its quotes, and the mean of those with a sentiment, with n', () => {
    const e = stageEvidence(model);
    expect(e.get('s0')).toEqual({ stageId: 's0', quoteCount: 3, n: 2, meanSentiment: -1.5, mapped: -1.5 });
    expect(e.get('s1')).toMatchObject({ quoteCount: 1, n: 1, meanSentiment: 2, mapped: 2 });
    expect(e.has('s2')).toBe(false);
  });

  it('maps the −2..+2 sentiment onto the map’s emotion scale, end to end and in between', () => {
    expect(sentimentOnScale(-2, -5, 5)).toBe(-5);
    expect(sentimentOnScale(2, -5, 5)).toBe(5);
    expect(sentimentOnScale(0, -5, 5)).toBe(0);
    expect(sentimentOnScale(-1.5, -5, 5)).toBe(-3.75);
    expect(sentimentOnScale(1, 1, 5)).toBe(4);
    const wide = stageEvidence(toModel(evidenceDoc([-5, 5])));
    expect(wide.get('s0')).toMatchObject({ meanSentiment: -1.5, mapped: -3.75, n: 2 });
    expect(wide.get('s1')?.mapped).toBe(5);
  });

  it('flags a stage with no quotes, and one whose mean is a point or more from the team’s score', () => {
    expect(evidenceFlag(undefined, 1)).toBe('no-evidence');
    const at = (mapped: number | null) => ({ stageId: 's', quoteCount: 1, n: mapped === null ? 0 : 1, meanSentiment: mapped, mapped });
    expect(evidenceFlag(at(0), 1)).toBe('differs');
    expect(evidenceFlag(at(0.01), 1)).toBeNull();
    expect(evidenceFlag(at(-1.5), 1)).toBe('differs');
    expect(evidenceFlag(at(2), 2)).toBeNull();
    // Quotes without a sentiment, or no team score: nothing to compare.
    expect(evidenceFlag(at(null), 2)).toBeNull();
    expect(evidenceFlag(at(-2), null)).toBeNull();
    const flags = stageFlags(model);
    expect(flags.get('s0')).toEqual({ flag: 'differs', teamScore: 1, words: 'Workshop says +1, evidence says −1.5 (n=2)' });
    expect(flags.get('s1')).toEqual({ flag: null, teamScore: 2, words: '' });
    expect(flags.get('s2')).toEqual({ flag: 'no-evidence', teamScore: null, words: 'No evidence yet' });
    expect(flagWords('differs', at(-1), 2)).toBe('Workshop says +2, evidence says −1 (n=1)');
  });

  it('compares on the map’s scale: a one-point gap on −5..+5 is smaller than on −2..+2', () => {
    const doc = evidenceDoc([-5, 5]);
    const e = doc.emotions.find((p) => p.id === 'e0');
    if (e) e.score = -4; // the evidence at s0 says −3.75
    expect(stageFlags(toModel(doc)).get('s0')?.flag).toBeNull();
    if (e) e.score = -5;
    expect(stageFlags(toModel(doc)).get('s0')?.flag).toBe('differs');
  });

  it('counts each card’s quotes, and lists a stage’s newest quotes first, each once, with who said them', () => {
    expect(cardQuoteCounts(model)).toEqual(new Map([['c0', 1]]));
    const list = stageQuotes(model, 's0');
    expect(list.map((p) => p.quote.id)).toEqual(['q3', 'q2', 'q1']);
    expect(list.map((p) => p.who)).toEqual(['Maya O.', 'Maya O.', 'Sam']);
    expect(list[1]?.links.map((l) => l.id)).toEqual(['k2', 'k3']);
    expect(placedQuotes(model).get('card:c0')?.map((p) => p.quote.id)).toEqual(['q2']);
    expect(stageQuotes(model, 's2')).toEqual([]);
    // No more than the map holds per stage, however many links the quotes it holds have.
    const two = { ...model, evidence: { ...model.evidence, newest: 2 } };
    expect(stageQuotes(two, 's0').map((p) => p.quote.id)).toEqual(['q3', 'q2']);
    expect(stageQuotes(two, 's0')).toBe(stageQuotes(two, 's0'));
  });

  it('reads the totals again only after a change that may move them: links, quotes', () => {
    expect(touchesEvidence(emptyChangeSet())).toBe(false);
    expect(touchesEvidence({ ...emptyChangeSet(), cards: [model.cards.get('c0') as Card] })).toBe(false);
    expect(touchesEvidence({ ...emptyChangeSet(), quoteLinks: [link('k9', 'q1', 's1')] })).toBe(true);
    expect(touchesEvidence({ ...emptyChangeSet(), quotes: [quote('q1', 1, 1)] })).toBe(true);
    const deleted = (kind: 'quoteLinks' | 'quotes') => ({ ...emptyChangeSet(), deleted: { ...emptyChangeSet().deleted, [kind]: ['x'] } });
    expect(touchesEvidence(deleted('quoteLinks'))).toBe(true);
    expect(touchesEvidence(deleted('quotes'))).toBe(true);
    // What maps.evidence answers replaces the totals and the newest quotes whole.
    const read = withEvidence(model, { evidence: { stages: [{ stageId: 's2', quoteCount: 7, sentimentSum: 7, sentimentCount: 7 }], cards: [], newest: 5 }, quoteLinks: [link('k8', 'q4', 's2')], quotes: [quote('q4', 1, 4)], interviews: [interview] });
    expect([...stageEvidence(read).keys()]).toEqual(['s2']);
    expect(stageEvidence(read).get('s2')).toMatchObject({ quoteCount: 7, mapped: 1 });
    expect(Object.keys(read.quoteLinks)).toEqual(['k8']);
    expect(stageQuotes(read, 's2').map((p) => p.quote.id)).toEqual(['q4']);
    expect(cardQuoteCounts(read).size).toBe(0);
    expect(read.cards).toBe(model.cards);
  });

  it('is computed once per collection, and again when the totals or the scale change', () => {
    expect(stageEvidence(model)).toBe(stageEvidence(model));
    expect(stageFlags(model)).toBe(stageFlags(model));
    expect(placedQuotes(model)).toBe(placedQuotes(model));
    // A quote's new sentiment shows in its row at once; the totals move when they are read again.
    const resentimented = applyChanges(model, { ...emptyChangeSet(), quotes: [{ ...quote('q4', -2, 4) }] });
    expect(resentimented.quoteLinks).toBe(model.quoteLinks);
    expect(resentimented.evidence).toBe(model.evidence);
    expect(stageQuotes(resentimented, 's1')[0]?.quote.sentiment).toBe(-2);
    expect(stageEvidence(resentimented)).toBe(stageEvidence(model));
    const rescaled = { ...model, map: { ...model.map, emotionMin: -5, emotionMax: 5 } };
    expect(stageEvidence(rescaled).get('s1')?.mapped).toBe(5);
    expect(stageEvidence(model).get('s1')?.mapped).toBe(2);
    const rescored = applyChanges(model, { ...emptyChangeSet(), emotions: [{ id: 'e1', mapId: 'm1', laneId: 'l1', stageId: 's1', personaId: null, score: -2, label: '' }] });
    expect(stageFlags(rescored).get('s1')?.flag).toBe('differs');
  });
});

describe('one selector for every emotion curve', () => {
  const model = toModel(evidenceDoc());

  it('tells the team’s curve and each persona’s apart, cached per collection and curve', () => {
    expect(teamEmotion(model.emotions, 'l1', 's0')?.score).toBe(1);
    expect(emotionAt(model.emotions, 'l1', 's0', 'p1')?.score).toBe(-2);
    expect(emotionAt(model.emotions, 'l1', 's1', 'p1')).toBeUndefined();
    expect(emotionAt(model.emotions, 'l1', 's1', 'p2')?.score).toBe(0);
    expect(emotionByCell(model.emotions, 'p1')).toBe(emotionByCell(model.emotions, 'p1'));
    expect([...emotionByCell(model.emotions).values()].every((e) => e.personaId === null)).toBe(true);
  });

  it('sets a persona’s score and undoes back to that persona’s previous score only', () => {
    const c = setEmotion(model, 'l1', 's0', 2, undefined, 'p1');
    expect(c.label).toBe('Set emotion (Maya)');
    expect(c.forward).toEqual([{ name: 'emotions.set', input: { laneId: 'l1', stageId: 's0', personaId: 'p1', score: 2 } }]);
    expect(c.backward).toEqual([{ name: 'emotions.set', input: { laneId: 'l1', stageId: 's0', personaId: 'p1', score: -2, label: '' } }]);
    const fresh = setEmotion(model, 'l1', 's1', 1, undefined, 'p1');
    expect(fresh.backward).toEqual([{ name: 'emotions.set', input: { laneId: 'l1', stageId: 's1', personaId: 'p1', score: null } }]);
    const team = setEmotion(model, 'l1', 's0', -1);
    expect(team.forward[0]?.input).not.toHaveProperty('personaId');
    expect(team.backward[0]?.input).toMatchObject({ score: 1 });
  });
});

describe('evidence commands', () => {
  const model: MapModel = toModel(evidenceDoc());

  it('links only quotes not already there, under the ids it chose; undo takes those off under tombstones, redo restores them', () => {
    const c = linkQuotes(model, ['q1', 'q4', 'q4'], 's0', null, ['n1']);
    expect(c.ids).toEqual(['n1']);
    expect(c.forward).toEqual([{ name: 'quotes.link', input: { quoteIds: ['q4'], stageId: 's0', ids: ['n1'] } }]);
    expect(c.backward).toHaveLength(1);
    expect(c.backward[0]).toMatchObject({ name: 'quoteLinks.delete', input: { id: 'n1' } });
    const tomb = (c.backward[0]?.input as { tombstone: string }).tombstone;
    expect(c.redo).toEqual([{ name: 'tombstones.restore', input: { id: tomb } }]);
    const onCard = linkQuotes(model, ['q1'], 's0', 'c0');
    expect(onCard.forward[0]?.input).toMatchObject({ quoteIds: ['q1'], stageId: 's0', cardId: 'c0' });
    expect(onCard.label).toBe('Link 1 quote to a card');
    expect(linkQuotes(model, ['q2'], 's0', 'c0').forward).toEqual([]);
  });

  it('takes a quote off with its links kept for undo, each link once', () => {
    const c = unlinkQuote(['k2', 'k3', 'k2']);
    expect(c.forward.map((s) => (s.input as { id: string }).id)).toEqual(['k2', 'k3']);
    const tombs = c.forward.map((s) => (s.input as { tombstone: string }).tombstone);
    expect(new Set(tombs).size).toBe(2);
    expect(c.backward).toEqual([...tombs].reverse().map((id) => ({ name: 'tombstones.restore', input: { id } })));
    expect(unlinkQuote('k4').forward).toEqual([{ name: 'quoteLinks.delete', input: { id: 'k4', tombstone: expect.any(String) as string } }]);
  });

  it('sets a sentiment with the old one as its undo, and does nothing for the same value', () => {
    const c = setQuoteSentiment(model, 'q3', 1);
    expect(c.forward).toEqual([{ name: 'quotes.update', input: { id: 'q3', sentiment: 1 } }]);
    expect(c.backward).toEqual([{ name: 'quotes.update', input: { id: 'q3', sentiment: null } }]);
    expect(setQuoteSentiment(model, 'q1', -2).forward).toEqual([]);
  });

  it('sets the day a quote was said with the old day (or none) as its undo, and does nothing for the same day or a quote not on the map', () => {
    const c = setQuoteSaidOn(model, 'q3', '2026-03-05');
    expect(c.forward).toEqual([{ name: 'quotes.update', input: { id: 'q3', saidOn: '2026-03-05' } }]);
    expect(c.backward).toEqual([{ name: 'quotes.update', input: { id: 'q3', saidOn: null } }]);
    const q3 = model.quotes.q3;
    expect(q3).toBeDefined();
    const dated: MapModel = { ...model, quotes: { ...model.quotes, ...(q3 ? { q3: { ...q3, saidOn: '2026-03-01' } } : {}) } };
    const cleared = setQuoteSaidOn(dated, 'q3', null);
    expect(cleared.forward).toEqual([{ name: 'quotes.update', input: { id: 'q3', saidOn: null } }]);
    expect(cleared.backward).toEqual([{ name: 'quotes.update', input: { id: 'q3', saidOn: '2026-03-01' } }]);
    expect(setQuoteSaidOn(dated, 'q3', '2026-03-01')).toEqual({ label: 'Set the day said', forward: [], backward: [] });
    expect(setQuoteSaidOn(model, 'q3', null).forward).toEqual([]);
    expect(setQuoteSaidOn(model, 'not-on-the-map', '2026-03-01').forward).toEqual([]);
  });

  it('tags quotes and undoes each quote’s own change: a tag it already had stays, one it lost comes back', () => {
    const c = tagQuote(model, ['q1', 'q2'], ['t1', 't2']);
    expect(c.forward).toEqual([{ name: 'quotes.tag', input: { quoteIds: ['q1', 'q2'], add: ['t1', 't2'], remove: [] } }]);
    expect(c.backward).toEqual([
      { name: 'quotes.tag', input: { quoteIds: ['q1'], add: [], remove: ['t2'] } },
      { name: 'quotes.tag', input: { quoteIds: ['q2'], add: [], remove: ['t1', 't2'] } },
    ]);
    const off = tagQuote(model, ['q1', 'q2'], [], ['t1']);
    expect(off.backward).toEqual([{ name: 'quotes.tag', input: { quoteIds: ['q1'], add: ['t1'], remove: [] } }]);
  });
});

describe('evidence in the layout', () => {
  const model = toModel(evidenceDoc());
  const layout = layoutModel(model, measure);
  const lane = (id: string) => layout.lanes.find((l) => l.id === id);

  it('makes no cards in an evidence lane and sizes it for its most-quoted stage', () => {
    expect(holdsCards('evidence')).toBe(false);
    expect(layout.cards.has('c1')).toBe(false);
    const E = EVIDENCE_METRICS;
    expect(lane('l2')?.height).toBe(2 * E.paddingY + E.summaryHeight + 3 * E.rowHeight + 2 * E.rowGap);
    const cell = layout.evidenceCells.get('l2|s0');
    expect(cell?.rows.map((r) => r.quoteId)).toEqual(['q3', 'q2', 'q1']);
    expect(cell?.more).toBe(0);
    expect(cell?.rows[1]?.y).toBe((lane('l2')?.y ?? 0) + E.paddingY + E.summaryHeight + E.rowHeight + E.rowGap);
    expect(layout.evidenceCells.get('l2|s2')?.rows).toEqual([]);
  });

  it('shows as many quotes as fit, and counts the rest', () => {
    const E = EVIDENCE_METRICS;
    const room = (rows: number) => 2 * E.paddingY + E.summaryHeight + rows * E.rowHeight + (rows - 1) * E.rowGap;
    expect(rowsThatFit(room(3), 3)).toBe(3);
    expect(rowsThatFit(room(3), 5)).toBe(2);
    expect(rowsThatFit(room(3) + E.moreHeight, 5)).toBe(3);
    // Five quotes on a stage: the lane makes room for three and says how many more there are.
    const many = evidenceDoc();
    many.quotes.push(quote('q5', 1, 5), quote('q6', 0, 6));
    many.quoteLinks.push(link('k6', 'q5', 's0'), link('k7', 'q6', 's0'));
    many.evidence.stages[0] = { stageId: 's0', quoteCount: 5, sentimentSum: -2, sentimentCount: 4 };
    const l = layoutModel(toModel(many), measure);
    expect(l.lanes.find((x) => x.id === 'l2')?.height).toBe(room(3) + E.moreHeight);
    const cell = l.evidenceCells.get('l2|s0');
    expect(cell?.rows.map((r) => r.quoteId)).toEqual(['q6', 'q5', 'q3']);
    expect(cell?.more).toBe(2);
    // A lane the person made taller shows more of them.
    const ev = many.lanes[2];
    if (ev) ev.height = room(5) + 40;
    const tall = layoutModel(toModel(many), measure).evidenceCells.get('l2|s0');
    expect(tall?.rows.length).toBe(5);
    expect(tall?.more).toBe(0);
    // 40 quotes back the stage, and the map holds its newest five: a tall lane shows those and counts the rest.
    many.evidence.stages[0] = { stageId: 's0', quoteCount: 40, sentimentSum: 0, sentimentCount: 0 };
    const held = layoutModel(toModel(many), measure).evidenceCells.get('l2|s0');
    expect(held?.rows.map((r) => r.quoteId)).toEqual(['q6', 'q5', 'q3', 'q2', 'q1']);
    expect(held?.more).toBe(35);
    if (ev) ev.height = null;
    const natural = layoutModel(toModel(many), measure);
    expect(natural.lanes.find((x) => x.id === 'l2')?.height).toBe(room(3) + E.moreHeight);
    expect(natural.evidenceCells.get('l2|s0')?.more).toBe(37);
  });

  it('gives a card with quotes a meta line', () => {
    expect(layout.cards.get('c0')?.height).toBe(2 * METRICS.cardPaddingY + METRICS.lineHeight + METRICS.metaHeight);
    const bare = layoutModel({ ...model, evidence: { ...model.evidence, cards: new Map() } }, measure);
    expect(bare.cards.get('c0')?.height).toBe(2 * METRICS.cardPaddingY + METRICS.lineHeight);
  });

  it('draws the evidence curve on the emotion scale beside the team’s, with n and the flags', () => {
    const set = layout.emotionCurves.get('l1');
    const box = lane('l1');
    if (!set || !box) throw new Error('no emotion lane');
    const y = (score: number) => scoreToY(score, box, -2, 2);
    expect(set.evidence.map((p) => [p.stageId, p.value, p.n, p.flag])).toEqual([
      ['s0', -1.5, 2, 'differs'],
      ['s1', 2, 1, null],
    ]);
    expect(set.evidence[0]).toMatchObject({ x: METRICS.stageWidth / 2, y: y(-1.5), teamY: y(1) });
    expect(set.flags).toEqual([
      { stageId: 's0', flag: 'differs', x: METRICS.stageWidth / 2, y: y(-1.5) },
      { stageId: 's2', flag: 'no-evidence', x: 2 * METRICS.stageWidth + EVIDENCE_METRICS.paddingX, y: box.y + box.height - EVIDENCE_METRICS.paddingY - 14 },
    ]);
    const wide = layoutModel(toModel(evidenceDoc([-5, 5])), measure);
    const wideBox = wide.lanes.find((l) => l.id === 'l1');
    if (!wideBox) throw new Error('no emotion lane');
    expect(wide.emotionCurves.get('l1')?.evidence[0]?.y).toBe(scoreToY(-3.75, wideBox, -5, 5));
  });

  it('draws one curve per persona beside the team’s, and edits the one picked', () => {
    const set = layout.emotionCurves.get('l1');
    expect(set?.personas.map((c) => [c.personaId, c.points.map((p) => [p.stageId, p.score])])).toEqual([
      ['p1', [['s0', -2], ['s2', 1]]],
      ['p2', [['s1', 0]]],
    ]);
    expect(set?.personas[0]?.points[0]?.x).toBe(METRICS.stageWidth / 2 + personaOffset(0));
    expect([personaOffset(0), personaOffset(1), personaOffset(2)]).toEqual([16, -16, 32]);
    expect(layout.curves.get('l1')?.map((p) => p.score)).toEqual([1, 2]);
    const editingMaya = layoutModel(model, measure, 'p1');
    expect(editingMaya.curves.get('l1')?.map((p) => p.pointId)).toEqual(['pe1', 'pe2']);
    expect(editingMaya.emotionCurves.get('l1')?.team.map((p) => p.score)).toEqual([1, 2]);
  });
});

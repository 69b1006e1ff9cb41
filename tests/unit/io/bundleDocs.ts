/** Map bundles for the tests, written by hand as a person (or another program) would write one. */
import fs from 'node:fs';
import path from 'node:path';

const images = path.join(import.meta.dirname, '../../fixtures/images');
export const picture = (name: string): string => fs.readFileSync(path.join(images, name)).toString('base64');

export type Doc = Record<string, unknown>;
type Records = Record<string, unknown>[];

const BODY = 'The fees surprised me.\n\nPaying took ages.';

/** A bundle with every kind of record and every field given, links by the ids written here. */
export function fullBundle(): Doc & { map: Doc; stages: Records; lanes: Records; cards: Records; emotions: Records; metrics: Records; personas: Records; interviews: Records; quotes: Records; quoteLinks: Records } {
  return {
    format: 'waymark-map-bundle',
    version: 1,
    exportedAt: '2026-11-30T10:00:00.000Z',
    app: { name: 'Waymark', schemaVersion: 4 },
    map: { id: 'm1', title: 'Checkout journey', description: 'From basket to door', emotionMin: -3, emotionMax: 3, personaIds: ['p1'], createdAt: '2026-11-01T09:00:00.000Z', updatedAt: '2026-11-02T09:00:00.000Z' },
    stages: [
      { id: 's1', name: 'Browse', description: 'Looks around', color: '#aabbcc', owner: 'Web', goal: 'Find it', width: 320 },
      { id: 's2', name: 'Pay', description: '', color: null, owner: '', goal: '', width: null },
      { id: 's3', name: 'Wait', description: '', color: null, owner: '', goal: '', width: null },
    ],
    lanes: [
      { id: 'l1', kind: 'text', title: 'Actions', height: 120, collapsed: false },
      { id: 'l2', kind: 'emotion', title: 'Feeling', height: null, collapsed: false },
      { id: 'l3', kind: 'touchpoints', title: 'Channels', height: null, collapsed: true },
      { id: 'l4', kind: 'evidence', title: 'Evidence', height: null, collapsed: false },
    ],
    cards: [
      { id: 'c1', laneId: 'l1', stageId: 's1', text: 'Finds the basket', color: null, channel: null, votes: 0, evidence: 'assumed' },
      { id: 'c2', laneId: 'l1', stageId: 's1', text: 'Compares prices', color: null, channel: null, votes: 2, evidence: 'observed' },
      { id: 'c3', laneId: 'l3', stageId: 's2', text: 'Card form', color: '#ffcc00', channel: 'web', votes: 3, evidence: 'observed' },
      { id: 'c4', laneId: 'l1', stageId: 's3', text: 'Checks the app', color: null, channel: null, votes: 0, evidence: 'proposed' },
    ],
    emotions: [
      { id: 'e1', laneId: 'l2', stageId: 's1', personaId: null, score: 2, label: 'calm' },
      { id: 'e2', laneId: 'l2', stageId: 's2', personaId: null, score: -3, label: 'stuck' },
      { id: 'e3', laneId: 'l2', stageId: 's1', personaId: 'p1', score: 1, label: '' },
      { id: 'e4', laneId: 'l2', stageId: 's2', personaId: 'p2', score: -1, label: '' },
    ],
    metrics: [
      { id: 'x1', stageId: 's1', name: 'entered stage', value: 1200, unit: 'customers', source: 'analytics', measuredAt: '2026-10-31' },
      { id: 'x2', stageId: 's2', name: 'conversion', value: 62.5, unit: '%', source: '', measuredAt: null },
    ],
    personas: [
      { id: 'p1', name: 'Maya', role: 'Parent', quote: 'Just get it done.', goals: 'Fast shop', needs: 'Slots', frustrations: 'Fees', color: '#3f7cac', image: picture('chromium-40x30.png') },
      { id: 'p2', name: 'Sam', role: '', quote: '', goals: '', needs: '', frustrations: '', color: null, image: null },
      { id: 'p3', name: 'Ana', role: 'Student', quote: '', goals: '', needs: '', frustrations: '', color: null, image: picture('chromium-40x30.webp') },
    ],
    interviews: [
      {
        id: 'i1',
        title: 'Call with Ana',
        participant: 'Ana',
        personaId: 'p3',
        heldOn: '2026-03-05',
        method: 'interview',
        format: 'vtt',
        createdAt: '2026-03-05T12:00:00.000Z',
        updatedAt: '2026-03-06T12:00:00.000Z',
        body: BODY,
        turns: [
          { speaker: 'Ana', start: 12.5, end: 15, from: 0, to: 22 },
          { speaker: 'Ana', start: 16, end: 20, from: 24, to: 41 },
        ],
      },
      { id: 'i2', title: 'Survey answers', participant: '', personaId: null, heldOn: null, method: 'survey', format: 'notes', createdAt: '2026-03-07T12:00:00.000Z', updatedAt: '2026-03-07T12:00:00.000Z', body: '', turns: null },
    ],
    quotes: [
      { id: 'q1', interviewId: 'i1', text: 'The fees surprised me.', startOffset: 0, endOffset: 22, sentiment: -2, speaker: 'Ana', atSeconds: 12.5, saidOn: '2026-03-05', tags: ['Pricing', 'fees'], createdAt: '2026-03-05T12:01:00.000Z' },
      { id: 'q2', interviewId: 'i1', text: 'Paying took ages.', startOffset: 24, endOffset: 41, sentiment: -1, speaker: 'Ana', atSeconds: 16, tags: [], createdAt: '2026-03-05T12:02:00.000Z' },
      { id: 'q3', interviewId: 'i2', text: 'Loved the tracking', startOffset: null, endOffset: null, sentiment: 2, speaker: '', atSeconds: null, tags: ['pricing', 'Tracking'], createdAt: '2026-03-07T12:01:00.000Z' },
    ],
    quoteLinks: [
      { id: 'k1', quoteId: 'q1', stageId: 's2', cardId: null, createdAt: '2026-03-08T12:00:00.000Z' },
      { id: 'k2', quoteId: 'q1', stageId: 's2', cardId: 'c3', createdAt: '2026-03-08T12:00:01.000Z' },
      { id: 'k3', quoteId: 'q2', stageId: 's2', cardId: null, createdAt: '2026-03-08T12:00:02.000Z' },
      { id: 'k4', quoteId: 'q3', stageId: 's3', cardId: null, createdAt: '2026-03-08T12:00:03.000Z' },
    ],
  };
}

/** The smallest bundle there is: a map with a title. */
export const minimalBundle = (more: Doc = {}): Doc => ({ format: 'waymark-map-bundle', version: 1, map: { title: 'Hand made' }, ...more });

export const bytesOf = (doc: unknown): Uint8Array => new Uint8Array(Buffer.from(JSON.stringify(doc)));
export const base64Of = (doc: unknown): string => Buffer.from(JSON.stringify(doc)).toString('base64');

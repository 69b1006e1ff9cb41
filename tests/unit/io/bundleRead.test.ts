/**
 * Reading map bundles (pure: bytes in, a checked bundle or a refusal out): files made by hand in a text
 * editor are read, every hostile or malformed file is refused with a message that says where and why, and
 * every limit holds at its edge (at the limit read, one over refused).
 */
import { describe, expect, it } from 'vitest';
import { BUNDLE_COLLECTIONS, BUNDLE_LIMITS } from '../../../electron/api/bundles.ts';
import { LIMITS } from '../../../electron/api/fields.ts';
import { RESEARCH_LIMITS } from '../../../electron/api/research.ts';
import { decodeBundle, MAX_PROBLEMS, readBundle, sentence } from '../../../electron/core/io/bundles/read.ts';
import { instantOf, isDay, type Bundle } from '../../../electron/core/io/bundles/schema.ts';
import { bytesOf, fullBundle, minimalBundle, picture, type Doc } from './bundleDocs.ts';

const accepted = (bytes: Uint8Array): Bundle => {
  const read = readBundle(bytes);
  if (!read.ok) throw new Error(`refused: ${read.message}`);
  return read.bundle;
};
const refused = (bytes: Uint8Array) => {
  const read = readBundle(bytes);
  if (read.ok) throw new Error('the bundle was accepted');
  expect(read.message).toBe(sentence(read.problems[0] ?? { path: '?', message: '?' }));
  return read;
};
/** The first problem of a bundle edited from the full one. */
const problem = (edit: (b: ReturnType<typeof fullBundle>) => void): string => {
  const b = fullBundle();
  edit(b);
  const first = refused(bytesOf(b)).problems[0];
  return first === undefined ? '' : `${first.path} ${first.message}`;
};
const problems = (edit: (b: ReturnType<typeof fullBundle>) => void): string[] => {
  const b = fullBundle();
  edit(b);
  return refused(bytesOf(b)).problems.map((p) => `${p.path} ${p.message}`);
};
const set = (list: Record<string, unknown>[], i: number, fields: Record<string, unknown>) => {
  Object.assign(list[i] ?? {}, fields);
};

describe('bundles that are read', () => {
  it('reads a full bundle field by field', () => {
    const b = accepted(bytesOf(fullBundle()));
    expect(b.map).toEqual({ id: 'm1', title: 'Checkout journey', description: 'From basket to door', emotionMin: -3, emotionMax: 3, personaIds: ['p1'], createdAt: '2026-11-01T09:00:00.000Z', updatedAt: '2026-11-02T09:00:00.000Z' });
    expect(b.stages.map((s) => s.name)).toEqual(['Browse', 'Pay', 'Wait']);
    expect(b.cards[2]).toEqual({ id: 'c3', laneId: 'l3', stageId: 's2', text: 'Card form', color: '#ffcc00', channel: 'web', votes: 3, evidence: 'observed' });
    expect(b.interviews[0]?.turns?.[1]).toEqual({ speaker: 'Ana', start: 16, end: 20, from: 24, to: 41 });
    expect(b.quotes[0]?.tags).toEqual(['Pricing', 'fees']);
    expect(b.personas[0]?.image).toBe(picture('chromium-40x30.png'));
    expect(b.exportedAt).toBe('2026-11-30T10:00:00.000Z');
  });

  it('fills in what a bundle written by hand leaves out', () => {
    const b = accepted(
      bytesOf(
        minimalBundle({
          stages: [{ id: 's', name: 'Only stage' }],
          lanes: [
            { id: 'l', kind: 'text', title: 'Notes' },
            { id: 'e', kind: 'emotion', title: 'Feeling' },
          ],
          cards: [{ id: 'c', laneId: 'l', stageId: 's', text: '' }],
          emotions: [
            { laneId: 'e', stageId: 's', score: -2 },
            { laneId: 'e', stageId: 's', personaId: 'p', score: 1 },
          ],
          metrics: [
            { stageId: 's', name: 'NPS', value: 42 },
            { stageId: 's', name: 'CES', value: 3 },
          ],
          personas: [{ id: 'p', name: 'Pat' }],
          interviews: [{ id: 'i', title: 'Chat' }],
          quotes: [{ id: 'q', interviewId: 'i', text: 'Hello' }],
          quoteLinks: [{ quoteId: 'q', stageId: 's' }, { quoteId: 'q', stageId: 's', cardId: 'c' }],
        }),
      ),
    );
    expect(b.map).toEqual({ title: 'Hand made', description: '', emotionMin: -2, emotionMax: 2, personaIds: [] });
    expect(b.stages[0]).toEqual({ id: 's', name: 'Only stage', description: '', color: null, owner: '', goal: '', width: null });
    expect(b.lanes[0]).toEqual({ id: 'l', kind: 'text', title: 'Notes', height: null, collapsed: false });
    expect(b.cards[0]).toEqual({ id: 'c', laneId: 'l', stageId: 's', text: '', color: null, channel: null, votes: 0, evidence: 'assumed' });
    expect(b.emotions[0]).toEqual({ laneId: 'e', stageId: 's', personaId: null, score: -2, label: '' });
    expect(b.metrics[0]).toEqual({ stageId: 's', name: 'NPS', value: 42, unit: '', source: '', measuredAt: null });
    expect(b.personas[0]).toEqual({ id: 'p', name: 'Pat', role: '', quote: '', goals: '', needs: '', frustrations: '', color: null, image: null });
    expect(b.interviews[0]).toEqual({ id: 'i', title: 'Chat', participant: '', personaId: null, heldOn: null, method: 'interview', format: 'notes', body: '', turns: null });
    expect(b.quotes[0]).toEqual({ id: 'q', interviewId: 'i', text: 'Hello', startOffset: null, endOffset: null, sentiment: null, speaker: '', atSeconds: null, saidOn: null, tags: [] });
    expect(b.quoteLinks[0]).toEqual({ quoteId: 'q', stageId: 's', cardId: null });
    expect(accepted(bytesOf(minimalBundle())).stages).toEqual([]);
  });

  it('reads a file from a text editor: a byte-order mark, Windows line ends, tabs, UTF-16', () => {
    const plain = JSON.stringify(fullBundle(), null, '\t');
    const expected = accepted(new TextEncoder().encode(plain));
    const crlf = plain.replace(/\n/g, '\r\n');
    expect(accepted(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(crlf)]))).toEqual(expected);
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]);
    expect(accepted(new Uint8Array(utf16le))).toEqual(expected);
    const utf16be = Buffer.from(utf16le);
    utf16be.swap16();
    expect(accepted(new Uint8Array(utf16be))).toEqual(expected);
    // A line break inside a text is written \r\n by such an editor; it is kept as written.
    expect(accepted(bytesOf(minimalBundle({ map: { title: 'A', description: 'one\r\ntwo' } }))).map.description).toBe('one\r\ntwo');
  });

  it('decodes UTF-8 with or without a byte-order mark, UTF-16 only with one', () => {
    expect(decodeBundle(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
    expect(decodeBundle(new Uint8Array([0xc3, 0xa9]))).toBe('é');
    expect(decodeBundle(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toBe('A');
    expect(decodeBundle(new Uint8Array([0xfe, 0xff, 0x00, 0x41]))).toBe('A');
    expect(decodeBundle(new Uint8Array([0xfe, 0xff, 0x00]))).toBeNull();
    expect(decodeBundle(new Uint8Array([0xc3, 0x28]))).toBeNull();
    expect(decodeBundle(new Uint8Array([0xef, 0xbb, 0x41]))).toBeNull();
    // Only the whole mark is one: each byte of it is checked.
    for (const bytes of [[0xef, 0x41, 0xbf, 0x41], [0x41, 0xbb, 0xbf, 0x41], [0xff, 0x41, 0x42, 0x00], [0x41, 0xfe, 0x42, 0x00], [0xfe, 0x41, 0x00, 0x42], [0x41, 0xff, 0x00, 0x42]]) {
      expect(decodeBundle(new Uint8Array(bytes)), bytes.join(' ')).toBeNull();
    }
    // One mark is skipped; a second is text (and no JSON).
    expect(decodeBundle(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41]))).toBe('\uFEFFA');
    expect(decodeBundle(new Uint8Array([0xff, 0xfe, 0xff, 0xfe, 0x41, 0x00]))).toBe('\uFEFFA');
  });

  it('takes times in UTC with or without seconds, and days that are on the calendar', () => {
    expect(instantOf('2026-03-31T09:30Z')).toBe('2026-03-31T09:30:00.000Z');
    expect(instantOf('2026-03-31T09:30:05.5Z')).toBe('2026-03-31T09:30:05.500Z');
    expect(instantOf('2026-03-31T09:30:05Z')).toBe('2026-03-31T09:30:05.000Z');
    expect(instantOf('2026-03-31T09:30:05.123Z')).toBe('2026-03-31T09:30:05.123Z');
    for (const bad of ['2026-02-30T00:00:00Z', '2026-03-31T24:00:00Z', '2026-03-31T09:60Z', '2026-03-31 09:30Z', '2026-03-31T09:30:00+02:00', '2026-03-31', 'x2026-03-31T09:30Z']) expect(instantOf(bad), bad).toBeNull();
    expect(isDay('2024-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-3-1', '2026-03-01T00:00', ' 2026-03-01']) expect(isDay(bad), bad).toBe(false);
    const b = fullBundle();
    set(b.quotes, 0, { createdAt: '2026-03-05T12:01Z' });
    expect(accepted(bytesOf(b)).quotes[0]?.createdAt).toBe('2026-03-05T12:01:00.000Z');
  });
});

describe('files that are no bundle, or not this version of one', () => {
  const cases: [string, Uint8Array, string][] = [
    ['empty', new Uint8Array(), 'The file is empty.'],
    ['blank', new TextEncoder().encode(' \r\n\t'), 'The file is empty.'],
    ['a picture', new Uint8Array(Buffer.from(picture('chromium-40x30.png'), 'base64')), 'The file is not a Waymark map bundle: it is not text (a bundle is JSON, in UTF-8).'],
    ['words', new TextEncoder().encode('hello'), 'The file cannot be read as a map bundle: expected a value (a text in double quotes, a number, true, false, null, a list or an object), but found “h” (line 1, column 1).'],
    ['a list', bytesOf([1, 2]), 'The file is not a Waymark map bundle: it is JSON, but has no "format": "waymark-map-bundle".'],
    ['null', bytesOf(null), 'The file is not a Waymark map bundle: it is JSON, but has no "format": "waymark-map-bundle".'],
    ['a text', bytesOf('waymark-map-bundle'), 'The file is not a Waymark map bundle: it is JSON, but has no "format": "waymark-map-bundle".'],
    ['a number', bytesOf(42), 'The file is not a Waymark map bundle: it is JSON, but has no "format": "waymark-map-bundle".'],
    ['a long format', bytesOf({ format: 'x'.repeat(200) }), `The file is not a Waymark map bundle: its format is "${'x'.repeat(79)}, not "waymark-map-bundle".`],
    ['a long version', bytesOf(minimalBundle({ version: 'v'.repeat(100) })), `The bundle’s version "${'v'.repeat(39)} is not one Waymark knows; this version of Waymark reads "version": 1.`],
    ['a list of stages that is text', bytesOf(minimalBundle({ stages: 's'.repeat(501) })), 'This map bundle cannot be imported: stages must be a list, not text.'],
    ['no format', bytesOf({ version: 1 }), 'The file is not a Waymark map bundle: it is JSON, but has no "format": "waymark-map-bundle".'],
    ['another format', bytesOf({ format: 'excalidraw', version: 2 }), 'The file is not a Waymark map bundle: its format is "excalidraw", not "waymark-map-bundle".'],
    ['a newer version', bytesOf(minimalBundle({ version: 2 })), 'This bundle was made by a newer version of Waymark (bundle version 2; this version reads version 1). Update Waymark to import it.'],
    ['no version', bytesOf({ format: 'waymark-map-bundle', map: { title: 'x' } }), 'The bundle does not say which version of the format it is; this version of Waymark reads "version": 1.'],
    ['version 0', bytesOf(minimalBundle({ version: 0 })), 'The bundle’s version 0 is not one Waymark knows; this version of Waymark reads "version": 1.'],
    ['version 1.5', bytesOf(minimalBundle({ version: 1.5 })), 'The bundle’s version 1.5 is not one Waymark knows; this version of Waymark reads "version": 1.'],
    ['version "1"', bytesOf(minimalBundle({ version: '1' })), 'The bundle’s version "1" is not one Waymark knows; this version of Waymark reads "version": 1.'],
    ['deep nesting', new TextEncoder().encode('['.repeat(100_000)), 'The file cannot be read as a map bundle: lists and objects are nested more than 8 levels deep (line 1, column 9).'],
    ['a prototype key first', new TextEncoder().encode('{"__proto__": {"format": "waymark-map-bundle"}}'), 'This map bundle cannot be imported: __proto__ cannot be read: the field name “__proto__” is not allowed in a bundle (line 1, column 2).'],
  ];
  for (const [name, bytes, message] of cases) {
    it(`refuses ${name}`, () => {
      const read = refused(bytes);
      expect(read.message).toBe(message);
    });
  }

  it('refuses a file cut short, saying so and where it ends', () => {
    const text = JSON.stringify(fullBundle(), null, 2);
    for (const cut of [1, 100, Math.floor(text.length / 2), text.length - 1]) {
      const part = text.slice(0, cut);
      expect(refused(new TextEncoder().encode(part)).message).toBe(`The file is cut short: it ends at line ${part.split('\n').length} before its JSON is complete.`);
    }
  });

  it('says where the JSON goes wrong inside the bundle', () => {
    // A comma forgotten at the end of a line: the next line's field is where it goes wrong.
    const text = JSON.stringify(fullBundle(), null, 2).replace('"Compares prices",', '"Compares prices"');
    const read = refused(new TextEncoder().encode(text));
    const line = text.split('\n').findIndex((l) => l.includes('"Compares prices"')) + 2;
    expect(read.problems).toEqual([{ path: 'cards[1].text', message: `cannot be read: expected “,” or “}” after a field’s value, but found “"” (line ${line}, column 7)` }]);
    expect(read.message).toBe(`This map bundle cannot be imported: cards[1].text cannot be read: expected “,” or “}” after a field’s value, but found “"” (line ${line}, column 7).`);
  });

  it('refuses __proto__, constructor and prototype keys anywhere, and keys given twice', () => {
    const withKey = (where: string, key: string) => {
      const text = JSON.stringify(fullBundle()).replace(where, `${where}"${key}": {"polluted": true}, `);
      return refused(new TextEncoder().encode(text)).problems[0]?.path;
    };
    expect(withKey('{"id":"c2",', '__proto__')).toBe('cards[1].__proto__');
    expect(withKey('{"speaker":"Ana","start":16,', 'constructor')).toBe('interviews[0].turns[1].constructor');
    expect(withKey('"map":{', 'prototype')).toBe('map.prototype');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const twice = JSON.stringify(fullBundle()).replace('"version":1,', '"version":1,"version":1,');
    expect(refused(new TextEncoder().encode(twice)).problems[0]).toMatchObject({ path: 'version', message: expect.stringMatching(/^cannot be read: the field “version” is given twice \(line 1, column \d+\)$/) as unknown });
  });
});

describe('fields that are wrong', () => {
  it('says which field, what it must be and what it is', () => {
    expect(problem((b) => set(b.cards, 0, { text: 5 }))).toBe('cards[0].text must be text, not 5');
    expect(problem((b) => set(b.cards, 1, { votes: '3' }))).toBe('cards[1].votes must be a number, not text');
    expect(problem((b) => set(b.cards, 1, { votes: 2.5 }))).toBe('cards[1].votes must be a whole number, not 2.5');
    expect(problem((b) => set(b.cards, 1, { votes: -1 }))).toBe('cards[1].votes must be at least 0');
    expect(problem((b) => set(b.lanes, 0, { collapsed: 'yes' }))).toBe('lanes[0].collapsed must be true or false, not text');
    expect(problem((b) => (b.stages = {} as never))).toBe('stages must be a list, not an object');
    expect(problem((b) => (b.map = [] as never))).toBe('map must be an object, not a list');
    expect(problem((b) => set(b.emotions, 0, { score: null }))).toBe('emotions[0].score must be a number, not null');
    expect(problem((b) => set(b.cards, 2, { channel: 'fax' }))).toBe('cards[2].channel must be one of "web", "app", "email", "phone", "store", "chat", "social", "mail", "other"');
    expect(problem((b) => set(b.cards, 2, { color: 'red' }))).toBe('cards[2].color must be a colour like #ffcc00');
    expect(problem((b) => set(b.cards, 2, { txt: 'x' }))).toBe('cards[2] has a field a map bundle does not have: “txt”');
    expect(problem((b) => Object.assign(b, { extra: 1, more: 2 }))).toBe(' has fields a map bundle does not have: “extra”, “more”');
    expect(problem((b) => set(b.stages, 0, { id: 'not an id' }))).toBe('stages[0].id is not a valid id');
    expect(problem((b) => set(b.stages, 0, { name: '   ' }))).toBe('stages[0].name must not be empty');
    expect(problem((b) => set(b.interviews, 0, { heldOn: '2026-02-30' }))).toBe('interviews[0].heldOn must be a day on the calendar, written like 2026-03-31');
    expect(problem((b) => set(b.quotes, 0, { createdAt: 'yesterday' }))).toBe('quotes[0].createdAt must be a time in UTC, written like 2026-03-31T09:30:00.000Z');
    expect(problem((b) => set(b.quotes, 0, { sentiment: 3 }))).toBe('quotes[0].sentiment must be at most 2');
    expect(problem((b) => Object.assign(b.map, { emotionMin: 0 }))).toBe('map.emotionMin must be at most -1');
    expect(problem((b) => Object.assign(b.map, { emotionMax: 11 }))).toBe('map.emotionMax must be at most 10');
    expect(problem((b) => set(b.stages, 0, { width: 79 }))).toBe('stages[0].width must be at least 80');
    expect(problem((b) => set(b.lanes, 0, { height: 4001 }))).toBe('lanes[0].height must be at most 4000');
    expect(problem((b) => set(b.interviews, 0, { turns: [{ from: 0 }] }))).toBe('interviews[0].turns[0].to must be a number, not undefined');
    expect(problem((b) => set(b.interviews, 0, { turns: [{ from: -1, to: 0 }] }))).toBe('interviews[0].turns[0].from must not be negative');
    expect(problem((b) => set(b.interviews, 0, { turns: [{ from: 0, to: 1, start: -0.5 }] }))).toBe('interviews[0].turns[0].start must not be negative');
    expect(problem((b) => set(b.quotes, 0, { atSeconds: -1 }))).toBe('quotes[0].atSeconds must not be negative');
    expect(problem((b) => set(b.quotes, 0, { saidOn: '2026-02-30' }))).toBe('quotes[0].saidOn must be a day on the calendar, written like 2026-03-31');
    expect(problem((b) => set(b.quotes, 0, { saidOn: '5 March 2026' }))).toBe('quotes[0].saidOn must be a day on the calendar, written like 2026-03-31');
    expect(problem((b) => set(b.lanes, 0, { height: 23 }))).toBe('lanes[0].height must be at least 24');
    expect(problem((b) => set(b.stages, 0, { width: 2001 }))).toBe('stages[0].width must be at most 2000');
    expect(problem((b) => set(b.cards, 0, { votes: 1_000_001 }))).toBe('cards[0].votes must be at most 1000000');
    expect(problem((b) => Object.assign(b.map, { emotionMin: -11 }))).toBe('map.emotionMin must be at least -10');
    expect(problem((b) => Object.assign(b.map, { emotionMax: 0 }))).toBe('map.emotionMax must be at least 1');
    expect(problem((b) => set(b.quotes, 0, { sentiment: -3 }))).toBe('quotes[0].sentiment must be at least -2');
    expect(problem((b) => (b.app = { name: 5 }))).toBe('app.name must be text, not 5');
    expect(problem((b) => (b.app = { name: 'Other tool', version: '2' }))).toBe('app has a field a map bundle does not have: “version”');
    expect(problem((b) => set(b.personas, 0, { image: 'A'.repeat(4 * 1024 * 1024 + 4) }))).toBe('personas[0].image is too large for a stored picture');
  });

  it('refuses a number too large to be one', () => {
    const text = JSON.stringify(fullBundle()).replace('"value":1200', '"value":1e400');
    expect(refused(new TextEncoder().encode(text)).problems).toEqual([{ path: 'metrics[0].value', message: 'must be a number, not Infinity' }]);
  });

  it('lists every wrong field, at most a hundred', () => {
    const b = fullBundle();
    b.cards = Array.from({ length: 500 }, (_, i) => ({ id: `c${i}`, laneId: 'l1', stageId: 's1', text: i }));
    const read = refused(bytesOf(b));
    expect(read.problems).toHaveLength(MAX_PROBLEMS);
    expect(read.problems[99]).toEqual({ path: 'cards[99].text', message: 'must be text, not 99' });
    expect(read.message).toBe('This map bundle cannot be imported: cards[0].text must be text, not 0.');
  });

  it('holds every text to the contract’s limit in characters (at the limit read, one over refused)', () => {
    const at = (edit: (b: ReturnType<typeof fullBundle>, n: number) => void, n: number) => {
      const b = fullBundle();
      edit(b, n);
      return readBundle(bytesOf(b));
    };
    const edges: [string, number, (b: ReturnType<typeof fullBundle>, n: number) => void][] = [
      ['cards[0].text', LIMITS.cardText, (b, n) => set(b.cards, 0, { text: 'x'.repeat(n) })],
      ['map.title', LIMITS.title, (b, n) => Object.assign(b.map, { title: 'x'.repeat(n) })],
      ['stages[0].name', LIMITS.name, (b, n) => set(b.stages, 0, { name: 'x'.repeat(n) })],
      ['stages[0].description', LIMITS.description, (b, n) => set(b.stages, 0, { description: 'x'.repeat(n) })],
      ['emotions[0].label', LIMITS.shortText, (b, n) => set(b.emotions, 0, { label: 'x'.repeat(n) })],
      ['quotes[2].text', RESEARCH_LIMITS.quote, (b, n) => set(b.quotes, 2, { text: 'x'.repeat(n) })],
      ['quotes[2].tags[0]', LIMITS.name, (b, n) => set(b.quotes, 2, { tags: ['x'.repeat(n)] })],
      ['metrics[0].name', RESEARCH_LIMITS.metricName, (b, n) => set(b.metrics, 0, { name: 'x'.repeat(n) })],
      ['metrics[0].unit', RESEARCH_LIMITS.unit, (b, n) => set(b.metrics, 0, { unit: 'x'.repeat(n) })],
      ['interviews[1].body', RESEARCH_LIMITS.body, (b, n) => set(b.interviews, 1, { body: 'x'.repeat(n) })],
      // Characters as people count them: an emoji is one, though it is two UTF-16 units.
      ['cards[1].text', LIMITS.cardText, (b, n) => set(b.cards, 1, { text: '😀'.repeat(n) })],
    ];
    for (const [where, limit, edit] of edges) {
      expect(at(edit, limit).ok, where).toBe(true);
      const over = at(edit, limit + 1);
      expect(over.ok ? [] : over.problems, where).toEqual([{ path: where, message: `must be at most ${limit} characters` }]);
    }
  });

  it('holds the lists inside records to their limits', () => {
    const personas = Array.from({ length: BUNDLE_LIMITS.mapPersonas + 1 }, (_, i) => ({ id: `p${i}`, name: `P${i}` }));
    const withPersonas = (n: number) => readBundle(bytesOf(minimalBundle({ personas, map: { title: 'x', personaIds: personas.slice(0, n).map((p) => p.id) } })));
    expect(withPersonas(BUNDLE_LIMITS.mapPersonas).ok).toBe(true);
    expect(withPersonas(BUNDLE_LIMITS.mapPersonas + 1)).toMatchObject({ problems: [{ path: 'map.personaIds', message: 'may name at most 50 personas' }] });
    const tags = (n: number) => problems((b) => set(b.quotes, 2, { tags: Array.from({ length: n }, (_, i) => `t${i}`) }));
    expect(() => tags(BUNDLE_LIMITS.tagsPerQuote)).toThrow('the bundle was accepted');
    expect(tags(BUNDLE_LIMITS.tagsPerQuote + 1)).toEqual(['quotes[2].tags may hold at most 50 tags']);
    const turns = (n: number) => readBundle(bytesOf(minimalBundle({ interviews: [{ id: 'i', title: 'Long call', turns: Array.from({ length: n }, () => ({ from: 0, to: 0 })) }] })));
    expect(turns(BUNDLE_LIMITS.turnsPerInterview).ok).toBe(true);
    expect(turns(BUNDLE_LIMITS.turnsPerInterview + 1)).toMatchObject({ problems: [{ path: 'interviews[0].turns', message: 'may hold at most 100,000 turns' }] });
  });
});

describe('links between records, and the rules that involve two of them', () => {
  it('refuses a link to an id the bundle does not hold, naming where and which, and only that', () => {
    expect(problems((b) => set(b.cards, 0, { laneId: 'nope' }))).toEqual(['cards[0].laneId names no lane of the bundle (“nope”)']);
    expect(problems((b) => set(b.emotions, 0, { laneId: 'nope' }))).toEqual(['emotions[0].laneId names no lane of the bundle (“nope”)']);
    expect(problems((b) => set(b.quotes, 0, { interviewId: 'nope' }))).toEqual(['quotes[0].interviewId names no interview of the bundle (“nope”)']);
    expect(problems((b) => set(b.quoteLinks, 1, { cardId: 'nope' }))).toEqual(['quoteLinks[1].cardId names no card of the bundle (“nope”)']);
    expect(problem((b) => set(b.cards, 0, { stageId: 'nope' }))).toBe('cards[0].stageId names no stage of the bundle (“nope”)');
    expect(problem((b) => Object.assign(b.map, { personaIds: ['p1', 'p9'] }))).toBe('map.personaIds[1] names no persona of the bundle (“p9”)');
    expect(problem((b) => set(b.emotions, 0, { laneId: 'nope' }))).toBe('emotions[0].laneId names no lane of the bundle (“nope”)');
    expect(problem((b) => set(b.emotions, 1, { stageId: 'nope' }))).toBe('emotions[1].stageId names no stage of the bundle (“nope”)');
    expect(problem((b) => set(b.emotions, 3, { personaId: 'nope' }))).toBe('emotions[3].personaId names no persona of the bundle (“nope”)');
    expect(problem((b) => set(b.metrics, 1, { stageId: 'nope' }))).toBe('metrics[1].stageId names no stage of the bundle (“nope”)');
    expect(problem((b) => set(b.interviews, 0, { personaId: 'nope' }))).toBe('interviews[0].personaId names no persona of the bundle (“nope”)');
    expect(problem((b) => set(b.quotes, 2, { interviewId: 'nope' }))).toBe('quotes[2].interviewId names no interview of the bundle (“nope”)');
    expect(problem((b) => set(b.quoteLinks, 3, { quoteId: 'nope' }))).toBe('quoteLinks[3].quoteId names no quote of the bundle (“nope”)');
    expect(problem((b) => set(b.quoteLinks, 3, { stageId: 'nope' }))).toBe('quoteLinks[3].stageId names no stage of the bundle (“nope”)');
    expect(problem((b) => set(b.quoteLinks, 1, { cardId: 'nope' }))).toBe('quoteLinks[1].cardId names no card of the bundle (“nope”)');
    // A link to a record of another kind with that id is no link either.
    expect(problem((b) => set(b.cards, 0, { laneId: 's1' }))).toBe('cards[0].laneId names no lane of the bundle (“s1”)');
  });

  it('lists at most a hundred problems of links too', () => {
    const found = problems((b) => {
      b.cards = Array.from({ length: 150 }, (_, i) => ({ id: `c${i}`, laneId: 'nope', stageId: 's1', text: '' }));
      b.quoteLinks = [];
    });
    expect(found).toHaveLength(MAX_PROBLEMS);
    expect(found[99]).toBe('cards[99].laneId names no lane of the bundle (“nope”)');
  });

  it('refuses an id given to two records of a kind', () => {
    for (const name of ['stages', 'lanes', 'cards', 'personas', 'interviews', 'quotes', 'emotions', 'metrics', 'quoteLinks'] as const) {
      const found = problems((b) => set(b[name], 1, { id: (b[name][0] as { id: string }).id }));
      expect(found, name).toContain(`${name}[1].id is the id of ${name}[0] too`);
    }
    // Ids of different kinds may be the same: every link says which kind it names.
    const b = fullBundle();
    set(b.lanes, 0, { id: 's1' });
    for (const c of b.cards) if (c.laneId === 'l1') c.laneId = 's1';
    expect(accepted(bytesOf(b)).lanes[0]?.id).toBe('s1');
  });

  it('refuses what the workspace would refuse: cards and curves in the wrong lanes, scores off the scale, one cell scored twice', () => {
    expect(problem((b) => set(b.cards, 0, { laneId: 'l2' }))).toBe('cards[0].laneId is the emotion lane “Feeling”, which holds no cards');
    expect(problem((b) => set(b.cards, 0, { laneId: 'l4' }))).toBe('cards[0].laneId is the evidence lane “Evidence”, which holds no cards');
    expect(problem((b) => set(b.emotions, 0, { laneId: 'l1' }))).toBe('emotions[0].laneId is the text lane “Actions”, not an emotion lane');
    expect(problem((b) => set(b.emotions, 0, { score: 4 }))).toBe('emotions[0].score must be from -3 to 3, the map’s emotion scale');
    expect(problem((b) => set(b.emotions, 1, { score: -4 }))).toBe('emotions[1].score must be from -3 to 3, the map’s emotion scale');
    expect(problem((b) => set(b.emotions, 2, { personaId: null }))).toBe('emotions[2] scores the same stage, lane and persona as emotions[0]');
    const b = fullBundle();
    set(b.emotions, 0, { score: -3 });
    set(b.emotions, 1, { score: 3 });
    expect(accepted(bytesOf(b)).emotions.map((e) => e.score)).toEqual([-3, 3, 1, -1]);
  });

  it('refuses quotes and turns outside their interview’s body, and a quote placed twice in one place', () => {
    expect(problem((b) => set(b.quotes, 1, { endOffset: 42 }))).toBe('quotes[1].endOffset is past the end of its interview’s body (41 characters)');
    expect(problem((b) => set(b.quotes, 1, { startOffset: 30, endOffset: 29 }))).toBe('quotes[1].startOffset must not be after endOffset');
    expect(problem((b) => set(b.quotes, 1, { endOffset: null }))).toBe('quotes[1] must give both startOffset and endOffset, or neither');
    expect(problem((b) => set(b.quotes, 2, { startOffset: 0 }))).toBe('quotes[2] must give both startOffset and endOffset, or neither');
    expect(problem((b) => set(b.quotes, 2, { endOffset: 5 }))).toBe('quotes[2] must give both startOffset and endOffset, or neither');
    expect(problem((b) => set(b.interviews, 0, { turns: [{ from: 0, to: 42 }] }))).toBe('interviews[0].turns[0].to is past the end of the interview’s body (41 characters)');
    expect(problem((b) => set(b.interviews, 0, { turns: [{ from: 5, to: 4 }] }))).toBe('interviews[0].turns[0].from must not be after the turn’s end (to)');
    expect(problem((b) => set(b.quoteLinks, 1, { cardId: null }))).toBe('quoteLinks[1] places the quote where quoteLinks[0] does already');
    expect(problem((b) => Object.assign(b.map, { personaIds: ['p1', 'p2', 'p1'] }))).toBe('map.personaIds[2] names the persona “p1” twice');
    // At the edges: a quote that ends where the body ends, an empty quote place, a turn of no characters.
    const b = fullBundle();
    set(b.quotes, 1, { startOffset: 41, endOffset: 41 });
    set(b.interviews, 0, { turns: [{ from: 41, to: 41 }] });
    expect(accepted(bytesOf(b)).quotes[1]?.startOffset).toBe(41);
  });

  it('reads a quote placed on a card of another stage (a bundle from before links followed their cards) as placed on the card’s stage, once', () => {
    const links = (edit: (b: ReturnType<typeof fullBundle>) => void) => {
      const b = fullBundle();
      edit(b);
      return accepted(bytesOf(b)).quoteLinks.map((l) => [l.id, l.quoteId, l.stageId, l.cardId]);
    };
    // c1 is a card of s1; the link said s2.
    expect(links((b) => set(b.quoteLinks, 1, { cardId: 'c1' }))).toEqual([
      ['k1', 'q1', 's2', null],
      ['k2', 'q1', 's1', 'c1'],
      ['k3', 'q2', 's2', null],
      ['k4', 'q3', 's3', null],
    ]);
    // The quote is on that card there already (wherever in the file): the moved link is the one dropped.
    const onCard = { id: 'k5', quoteId: 'q1', stageId: 's1', cardId: 'c1', createdAt: '2026-03-08T12:00:04.000Z' };
    expect(links((b) => (set(b.quoteLinks, 1, { cardId: 'c1' }), b.quoteLinks.push(onCard)))).toEqual([
      ['k1', 'q1', 's2', null],
      ['k3', 'q2', 's2', null],
      ['k4', 'q3', 's3', null],
      ['k5', 'q1', 's1', 'c1'],
    ]);
    // Two links left on two stages by the card's moves: the first in the file stays.
    expect(links((b) => (set(b.quoteLinks, 1, { cardId: 'c1' }), b.quoteLinks.push({ ...onCard, stageId: 's3' })))).toEqual([
      ['k1', 'q1', 's2', null],
      ['k2', 'q1', 's1', 'c1'],
      ['k3', 'q2', 's2', null],
      ['k4', 'q3', 's3', null],
    ]);
    // A place named twice as written is still refused, and a card the bundle does not hold too.
    expect(problem((b) => b.quoteLinks.push({ ...onCard, id: 'k6', stageId: 's2', cardId: 'c3' }))).toBe('quoteLinks[4] places the quote where quoteLinks[1] does already');
    expect(problem((b) => set(b.quoteLinks, 1, { cardId: 'c9' }))).toMatch(/^quoteLinks\[1\]\.cardId /);
  });

  it('refuses a persona picture that is not a PNG, JPEG or WebP Waymark can store', () => {
    const text = Buffer.from('just words').toString('base64');
    expect(problem((b) => set(b.personas, 0, { image: text }))).toBe('personas[0].image is not a picture Waymark can store (this is not a picture Waymark can use: pick a PNG, JPEG or WebP file)');
    expect(problem((b) => set(b.personas, 0, { image: picture('chromium-600x400.png') }))).toBe(
      'personas[0].image is not a picture Waymark can store (the picture is 600×400 pixels; it must be scaled to at most 512 pixels on its long side before it is stored)',
    );
    expect(problem((b) => set(b.personas, 1, { image: picture('chromium-30x513.jpg') }))).toMatch(/^personas\[1\]\.image is not a picture Waymark can store \(the picture is 30×513 pixels;/);
    const cut = Buffer.from(picture('chromium-40x30.png'), 'base64').subarray(0, 20).toString('base64');
    expect(problem((b) => set(b.personas, 2, { image: cut }))).toBe('personas[2].image is not a picture Waymark can store (the picture cannot be read: its PNG header is damaged)');
    expect(problem((b) => set(b.personas, 2, { image: 'not base64!' }))).toBe('personas[2].image must be a picture in base64');
    const b = fullBundle();
    set(b.personas, 1, { image: picture('chromium-40x30.jpg') });
    expect(accepted(bytesOf(b)).personas[1]?.image).toBe(picture('chromium-40x30.jpg'));
  });
});

describe('limits of the whole file', () => {
  it('reads a file of exactly the limit in bytes and refuses one byte more, before decoding it', () => {
    const text = JSON.stringify(fullBundle());
    const padded = (n: number) => new TextEncoder().encode(text + ' '.repeat(n - text.length));
    expect(accepted(padded(BUNDLE_LIMITS.bytes)).map.title).toBe('Checkout journey');
    expect(refused(padded(BUNDLE_LIMITS.bytes + 1)).message).toBe('The file is 6,291,457 bytes; a map bundle may have at most 6,291,456 (6 MB).');
    expect(refused(new Uint8Array(BUNDLE_LIMITS.bytes + 1).fill(0xff)).message).toMatch(/^The file is 6,291,457 bytes;/);
  });

  it('refuses a list of records over its limit before reading a record of it', () => {
    for (const name of BUNDLE_COLLECTIONS) {
      const limit = BUNDLE_LIMITS[name];
      const read = refused(bytesOf(minimalBundle({ [name]: new Array<number>(limit + 1).fill(0) })));
      expect(read.problems, name).toEqual([{ path: name, message: `holds ${(limit + 1).toLocaleString('en')} records; a bundle may hold at most ${limit.toLocaleString('en')}` }]);
      // At the limit the records themselves are read (and these are no records).
      expect(refused(bytesOf(minimalBundle({ [name]: new Array<number>(limit).fill(0) }))).problems[0], name).toEqual({ path: `${name}[0]`, message: 'must be an object, not 0' });
    }
    expect(refused(bytesOf(minimalBundle({ cards: new Array<number>(3_000_000).fill(0) }))).problems).toHaveLength(1);
  });

  it('reads as many records of each kind as a bundle may hold', { timeout: 60_000 }, () => {
    const stages = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, name: `S${i}` }));
    const lanes = (n: number, kind = 'text') => Array.from({ length: n }, (_, i) => ({ id: `l${i}`, kind, title: `L${i}` }));
    const full: Record<(typeof BUNDLE_COLLECTIONS)[number], Doc> = {
      stages: { stages: stages(BUNDLE_LIMITS.stages) },
      lanes: { lanes: lanes(BUNDLE_LIMITS.lanes) },
      cards: { stages: stages(1), lanes: lanes(1), cards: Array.from({ length: BUNDLE_LIMITS.cards }, (_, i) => ({ id: `c${i}`, laneId: 'l0', stageId: 's0', text: '' })) },
      // 200 emotion lanes × 250 stages: every cell scored once.
      emotions: { stages: stages(250), lanes: lanes(200, 'emotion'), emotions: Array.from({ length: BUNDLE_LIMITS.emotions }, (_, i) => ({ laneId: `l${i % 200}`, stageId: `s${Math.floor(i / 200)}`, score: 0 })) },
      metrics: { stages: stages(1), metrics: Array.from({ length: BUNDLE_LIMITS.metrics }, () => ({ stageId: 's0', name: 'm', value: 1 })) },
      personas: { personas: Array.from({ length: BUNDLE_LIMITS.personas }, (_, i) => ({ id: `p${i}`, name: 'P' })) },
      interviews: { interviews: Array.from({ length: BUNDLE_LIMITS.interviews }, (_, i) => ({ id: `i${i}`, title: 'I' })) },
      quotes: { interviews: [{ id: 'i', title: 'I' }], quotes: Array.from({ length: BUNDLE_LIMITS.quotes }, (_, i) => ({ id: `q${i}`, interviewId: 'i', text: 'x' })) },
      // 500 stages × 200 quotes: every quote on every stage.
      quoteLinks: {
        stages: stages(500),
        interviews: [{ id: 'i', title: 'I' }],
        quotes: Array.from({ length: 200 }, (_, i) => ({ id: `q${i}`, interviewId: 'i', text: 'x' })),
        quoteLinks: Array.from({ length: BUNDLE_LIMITS.quoteLinks }, (_, i) => ({ quoteId: `q${i % 200}`, stageId: `s${Math.floor(i / 200)}` })),
      },
    };
    for (const name of BUNDLE_COLLECTIONS) {
      const bytes = bytesOf(minimalBundle(full[name]));
      expect(bytes.length, name).toBeLessThanOrEqual(BUNDLE_LIMITS.bytes);
      expect(accepted(bytes)[name], name).toHaveLength(BUNDLE_LIMITS[name]);
    }
  });

  it('reads nesting up to its limit and refuses one level more', () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    // The bundle is one level, the map a second: six more are read (and refused as no description).
    const at = (levels: number) => new TextEncoder().encode(`{"format":"waymark-map-bundle","version":1,"map":{"title":"x","description":${nested(levels)}}}`);
    expect(refused(at(BUNDLE_LIMITS.depth - 2)).problems).toEqual([{ path: 'map.description', message: 'must be text, not a list' }]);
    expect(refused(at(BUNDLE_LIMITS.depth - 1)).problems).toEqual([{ path: 'map.description[0][0][0][0][0][0]', message: expect.stringMatching(/^cannot be read: lists and objects are nested more than 8 levels deep/) as unknown }]);
    const mb = new TextEncoder().encode(`{"format":"waymark-map-bundle","version":1,"map":${'['.repeat(3_000_000)}`);
    expect(refused(mb).problems[0]?.path).toBe('map[0][0][0][0][0][0][0]');
  });
});

/**
 * A big map opens measured only where the opening view can show (issue 13: click → fully rendered at 55,000 cards):
 * openingMeasure guesses the rest of each cell, measures it in idle slices, and hands over an exact measure; the
 * layout after that is the exact layout, and nothing the opening view shows moved on the way.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyChanges } from '../../../electron/core/changes.ts';
import { EXACT_CARDS_PER_CELL, createLayoutCache, layoutModel, refines, type MapLayout, type MeasureText } from '../../../renderer/src/canvas/layout.ts';
import { idleSlices, openingMeasure, quickLines, type CachedMeasure, type IdleSlices } from '../../../renderer/src/canvas/measure.ts';
import { applyChanges, toModel } from '../../../renderer/src/store/mapModel.ts';
import { mapDoc } from './fixtures.ts';

/**
 * An exact measure unlike quickLines (12 px a character, a line per paragraph at least), cached, its calls counted;
 * `clearOn`: a text whose measuring empties the cache first, as reaching its bound does.
 */
function countingCache(clearOn?: string): CachedMeasure & { measured: string[]; calls: number; clear: () => void } {
  const cache = new Map<string, number>();
  const measured: string[] = [];
  const key = (text: string, width: number) => `${width}|${text}`;
  let cleared = 0;
  const out = {
    measured,
    /** Every call of `lines`, answered from the cache or not. */
    calls: 0,
    clear: () => {
      cache.clear();
      cleared++;
    },
    generation: () => cleared,
    has: (text: string, width: number) => cache.has(key(text, width)),
    lines: (text: string, width: number) => {
      out.calls++;
      const hit = cache.get(key(text, width));
      if (hit !== undefined) return hit;
      measured.push(text);
      // As the canvas's cache does when a text takes it past its bound: emptied, then the text put in.
      if (text === clearOn) {
        cache.clear();
        cleared++;
      }
      const lines = text.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil(p.length / Math.max(1, Math.floor(width / 12)))), 0);
      cache.set(key(text, width), lines);
      return lines;
    },
  };
  return out;
}

/** Idle slices the test runs by hand: each `run(until)` is one slice ending at `until`. */
function manualIdle(): IdleSlices & { pending: () => number; run: (until: number) => void; cancelled: number } {
  let work: ((until: number) => boolean) | null = null;
  const idle = Object.assign(
    (w: (until: number) => boolean) => {
      work = w;
      return () => {
        work = null;
        idle.cancelled++;
      };
    },
    {
      cancelled: 0,
      pending: () => (work ? 1 : 0),
      run: (until: number) => {
        if (work?.(until)) work = null;
      },
    },
  );
  return idle;
}

describe('quickLines', () => {
  it('guesses a line per paragraph at least, and more for a long one, without walking its words', () => {
    expect(quickLines('', 200)).toBe(1);
    expect(quickLines('short', 200)).toBe(1);
    expect(quickLines('a\n\nb', 200)).toBe(3);
    // 200 / (13 × 0.52) = 29 characters a line.
    expect(quickLines('x'.repeat(29), 200)).toBe(1);
    expect(quickLines('x'.repeat(30), 200)).toBe(2);
    expect(quickLines(`${'x'.repeat(59)}\n${'y'.repeat(10)}`, 200)).toBe(4);
    expect(quickLines('anything at all', 1)).toBe(15);
    expect(quickLines('\nabc', 200)).toBe(2);
    expect(quickLines(`\n${'x'.repeat(40)}`, 200)).toBe(3);
    expect(quickLines(`a\n${'y'.repeat(59)}`, 200)).toBe(4);
  });
});

describe('idleSlices', () => {
  afterEach(() => vi.unstubAllGlobals());
  const sliceLengths = (count: number) =>
    new Promise<number[]>((resolve) => {
      const lengths: number[] = [];
      idleSlices((until) => {
        lengths.push(until - performance.now());
        if (lengths.length < count) return false;
        resolve(lengths);
        return true;
      });
    });

  it('on timers (no requestIdleCallback), runs the work in slices of at most 8 ms until it says it is done', async () => {
    const lengths = await sliceLengths(3);
    expect(lengths).toHaveLength(3);
    for (const l of lengths) expect(l).toBeGreaterThan(6);
    for (const l of lengths) expect(l).toBeLessThanOrEqual(8);
  });

  it('on timers, is cancelled with its timer', async () => {
    let runs = 0;
    idleSlices(() => {
      runs++;
      return false;
    })();
    await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(0);
  });

  it('in idle time, takes what the window has left, at most 40 ms and at least 2 ms, and is cancelled with its callback', async () => {
    const left = [50, 0, 5];
    const cancelled: number[] = [];
    let asked = 0;
    vi.stubGlobal('requestIdleCallback', (cb: IdleRequestCallback, options?: IdleRequestOptions) => {
      expect(options?.timeout).toBe(100);
      const id = ++asked;
      const remaining = left[(id - 1) % left.length] ?? 0;
      setTimeout(() => cb({ didTimeout: false, timeRemaining: () => remaining }), 0);
      return id;
    });
    vi.stubGlobal('cancelIdleCallback', (id: number) => cancelled.push(id));
    const lengths = await sliceLengths(3);
    expect(lengths[0]).toBeGreaterThan(39);
    expect(lengths[0]).toBeLessThanOrEqual(40);
    expect(lengths[1]).toBeGreaterThan(1);
    expect(lengths[1]).toBeLessThanOrEqual(2);
    expect(lengths[2]).toBeGreaterThan(4);
    expect(lengths[2]).toBeLessThanOrEqual(5);
    let runs = 0;
    const cancel = idleSlices(() => {
      runs++;
      return false;
    });
    cancel();
    expect(cancelled).toEqual([asked]);
    await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(0);
  });
});

describe('openingMeasure', () => {
  it('measures what may not wait and what it knows, and guesses only a deferrable text it has not measured', () => {
    const exact = countingCache();
    const { first } = openingMeasure(exact, manualIdle());
    const long = 'word '.repeat(30);
    expect(first(long, 180)).toBe(exact.lines(long, 180));
    expect(first(long, 180, true)).toBe(exact.lines(long, 180)); // known: the exact answer, free
    exact.measured.length = 0;
    const later = 'another text that waits '.repeat(4);
    expect(first(later, 180, true)).toBe(quickLines(later, 180));
    expect(quickLines(later, 180)).not.toBe(exact.lines(later, 180)); // a guess, not the exact answer
    expect(exact.measured).toEqual([later]); // measured just now by the line above, not by `first`
  });

  it('measures what it put off in idle slices, then gives an exact measure once, and defers nothing from then on', () => {
    const exact = countingCache();
    const idle = manualIdle();
    const opening = openingMeasure(exact, idle);
    const texts = Array.from({ length: 100 }, (_, i) => `card ${i} with some words to wrap`);
    for (const t of texts) opening.first(t, 150, true);
    expect(exact.measured).toEqual([]);
    const done: MeasureText[] = [];
    opening.finish((m) => done.push(m));
    // After finish, a deferrable text is measured at once.
    expect(opening.first('measured now', 150, true)).toBe(exact.lines('measured now', 150));
    idle.run(-Infinity); // a slice already over: one small batch, not all of them
    expect(exact.measured.length).toBeGreaterThan(1);
    expect(exact.measured.length).toBeLessThan(30);
    expect(done).toHaveLength(0);
    while (idle.pending()) idle.run(-Infinity);
    expect(exact.measured).toEqual(['measured now', ...texts]);
    expect(done).toHaveLength(1);
    const measure = done[0] as MeasureText;
    expect(measure).not.toBe(opening.first);
    for (const t of texts) expect(measure(t, 150, true)).toBe(exact.lines(t, 150));
  });

  it('asks for no idle time and gives nothing when nothing was put off', () => {
    const idle = manualIdle();
    const opening = openingMeasure(countingCache(), idle);
    opening.first('at the top of its cell', 150);
    const done: MeasureText[] = [];
    opening.finish((m) => done.push(m));
    expect(idle.pending()).toBe(0);
    expect(done).toHaveLength(0);
  });

  it('goes on where it stopped after a cancel, measuring no text twice', () => {
    const exact = countingCache();
    const idle = manualIdle();
    const opening = openingMeasure(exact, idle);
    const texts = Array.from({ length: 40 }, (_, i) => `text ${i}`);
    for (const t of texts) opening.first(t, 120, true);
    const done: MeasureText[] = [];
    const cancel = opening.finish((m) => done.push(m));
    idle.run(-Infinity);
    const before = exact.measured.length;
    cancel();
    expect(idle.cancelled).toBe(1);
    expect(idle.pending()).toBe(0);
    opening.finish((m) => done.push(m));
    idle.run(Infinity); // a slice with time for all of them
    expect(exact.measured).toEqual(texts);
    expect(before).toBeLessThan(texts.length);
    expect(done).toHaveLength(1);
  });
});

describe('openingMeasure, when the line cache is emptied while it measures', () => {
  it('measures again what the cache lost, and gives the exact measure only once everything is in it', () => {
    const exact = countingCache();
    const idle = manualIdle();
    const opening = openingMeasure(exact, idle);
    const texts = Array.from({ length: 64 }, (_, i) => `lost text ${i}`);
    for (const t of texts) opening.first(t, 150, true);
    const done: MeasureText[] = [];
    opening.finish((m) => done.push(m));
    idle.run(-Infinity);
    exact.clear(); // another map's cards filled the cache
    while (idle.pending()) idle.run(-Infinity);
    expect(done).toHaveLength(1);
    expect(texts.every((t) => exact.has(t, 150))).toBe(true);
  });

  it('measures again when the cache empties itself in the middle of a slice (its bound reached by a text it measures)', () => {
    const exact = countingCache('c');
    const idle = manualIdle();
    const opening = openingMeasure(exact, idle);
    for (const t of ['a', 'b', 'c', 'd']) opening.first(t, 150, true);
    const done: MeasureText[] = [];
    opening.finish((m) => done.push(m));
    idle.run(Infinity); // a, b, then c empties the cache (keeping c), d: a and b are lost
    expect(done).toHaveLength(0);
    idle.run(Infinity);
    expect(done).toHaveLength(1);
    expect(exact.measured).toEqual(['a', 'b', 'c', 'd', 'a', 'b']);
    expect(['a', 'b', 'c', 'd'].every((t) => exact.has(t, 150))).toBe(true);
  });
});

describe('a map opened with the opening measure', () => {
  const plain = (l: MapLayout) => ({ width: l.width, height: l.height, stages: l.stages, lanes: l.lanes, cards: [...l.cards.values()], cells: [...l.cells.entries()] });
  /** The opening view: what a window up to 3,200 px tall shows at 100% scrolled to the top, with the 480 px drawn beyond. */
  const OPENING_VIEW = 3200 + 480;

  it('measures, while the rest waits, a card edited and a card that rose to where every card is measured', () => {
    const n = 2 * EXACT_CARDS_PER_CELL;
    const doc = mapDoc({ stages: ['One'], lanes: [{ title: 'Actions', kind: 'text' }], cards: Array.from({ length: n }, (_, i) => ({ lane: 0, stage: 0, text: `Pays at the till ${i}` })) });
    let model = toModel(doc);
    const exact = countingCache();
    const idle = manualIdle();
    const opening = openingMeasure(exact, idle);
    const cache = createLayoutCache();
    const truthOf = () => layoutModel(model, (t, w) => exact.lines(t, w), null, createLayoutCache());
    const opened = layoutModel(model, opening.first, null, cache);
    const deep = doc.cards[EXACT_CARDS_PER_CELL + 10]?.id ?? '';
    const risen = doc.cards[EXACT_CARDS_PER_CELL + 20]?.id ?? '';
    expect(opened.cards.get(risen)?.height).not.toBe(truthOf().cards.get(risen)?.height); // guessed
    opening.finish(() => {});
    // Edited before the rest is measured: measured at once.
    const edit = emptyChanges();
    edit.cards.push({ ...(model.cards.get(deep) as (typeof doc.cards)[number]), text: 'Edited while the rest waits' });
    model = applyChanges(model, edit);
    expect(layoutModel(model, opening.first, null, cache).cards.get(deep)?.height).toBe(truthOf().cards.get(deep)?.height);
    // The 30 cards above deleted: `risen` (the same record) is now among the first EXACT_CARDS_PER_CELL, and measured.
    const cut = emptyChanges();
    cut.deleted.cards.push(...doc.cards.slice(0, 30).map((c) => c.id));
    model = applyChanges(model, cut);
    const during = layoutModel(model, opening.first, null, cache);
    expect(during.cards.get(risen)?.index).toBeLessThan(EXACT_CARDS_PER_CELL);
    expect(during.cards.get(risen)).toEqual(truthOf().cards.get(risen));
  });

  it('lays out again, once all is measured, only the cells that had cards put off, and only those cards', () => {
    const doc = mapDoc({
      stages: ['Small', 'Big'],
      lanes: [{ title: 'Actions', kind: 'text' }],
      cards: [
        ...Array.from({ length: 10 }, (_, i) => ({ lane: 0, stage: 0, text: `Pays at the till ${i}` })),
        ...Array.from({ length: 2 * EXACT_CARDS_PER_CELL }, (_, i) => ({ lane: 0, stage: 1, text: `Pays at the till, then ${i}` })),
      ],
    });
    const model = toModel(doc);
    const exact = countingCache();
    const idle = manualIdle();
    const opening = openingMeasure(exact, idle);
    const opened = layoutModel(model, opening.first);
    let after: MeasureText | undefined;
    opening.finish((m) => (after = m));
    while (idle.pending()) idle.run(Infinity);
    if (!after) throw new Error('nothing was put off');
    const before = exact.calls;
    const exactLayout = layoutModel(model, after);
    expect(exact.calls - before).toBe(EXACT_CARDS_PER_CELL); // the deep half of the big cell, nothing else
    const small = doc.cards.filter((c) => c.stageId === 's0').map((c) => c.id);
    for (const id of small) expect(exactLayout.cards.get(id)).toBe(opened.cards.get(id));
    const truth = layoutModel(model, (t, w) => exact.lines(t, w), null, createLayoutCache());
    expect(plain(exactLayout)).toEqual(plain(truth));
    // A measure that refines nothing lays out every card afresh, even on the same cache; one said to refine the last
    // measure keeps what it can.
    const cache = createLayoutCache();
    const one: MeasureText = (text, width) => exact.lines(text, width);
    layoutModel(model, one, null, cache);
    let calls = 0;
    const other: MeasureText = (text, width) => {
      calls++;
      return exact.lines(text, width) + 1;
    };
    const redone = layoutModel(model, other, null, cache);
    expect(calls).toBe(doc.cards.length);
    expect(plain(redone)).toEqual(plain(layoutModel(model, other, null, createLayoutCache())));
    const finer: MeasureText = (text, width) => other(text, width);
    refines(finer, other);
    calls = 0;
    layoutModel(model, finer, null, cache);
    expect(calls).toBe(EXACT_CARDS_PER_CELL);
  });

  it('shows the opening view as the exact layout does, and lays out exactly once all is measured', () => {
    // Short texts (a card of one or two lines, which the guess and the measure tell apart), a long one, and paragraphs.
    const words = ['Pay', 'Pays at the till', 'Pays at the till', 'Compare prices across three shops', 'A\nB\nC'];
    // A cell of up to three times EXACT_CARDS_PER_CELL cards, their texts picked from `words` from a seed.
    const cell = fc
      .tuple(fc.integer({ min: 0, max: 3 * EXACT_CARDS_PER_CELL }), fc.nat())
      .map(([n, seed]) => Array.from({ length: n }, (_, i) => words[(seed + i * (1 + (seed % 3))) % words.length] ?? ''));
    let deferred = 0;
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 }), (lanes) => {
        const doc = mapDoc({
          stages: ['One', 'Two'],
          lanes: lanes.map((_, i) => ({ title: `Lane ${i}`, kind: 'text' as const })),
          // Each text its own (else the cell's top measures them all): a card's words and its place.
          cards: lanes.flatMap((stages, lane) => stages.flatMap((texts, stage) => texts.map((text, i) => ({ lane, stage, text: `${text} ${lane}.${stage}.${i}` })))),
        });
        const model = toModel(doc);
        const exact = countingCache();
        const idle = manualIdle();
        const opening = openingMeasure(exact, idle);
        const cache = createLayoutCache();
        const opened = layoutModel(model, opening.first, null, cache);
        const forOpening = [...exact.measured];
        const truth = layoutModel(model, (t, w) => exact.lines(t, w), null, createLayoutCache());
        for (const box of truth.cards.values()) if (box.y + box.height <= OPENING_VIEW) expect(opened.cards.get(box.id)).toEqual(box);
        // Only the first EXACT_CARDS_PER_CELL of each cell were measured for the opening.
        const tops = new Set(doc.cards.filter((c) => (truth.cards.get(c.id)?.index ?? 0) < EXACT_CARDS_PER_CELL).map((c) => c.text));
        const deep = new Set(doc.cards.filter((c) => (truth.cards.get(c.id)?.index ?? 0) >= EXACT_CARDS_PER_CELL).map((c) => c.text));
        expect(forOpening.every((t) => tops.has(t))).toBe(true);
        const done: MeasureText[] = [];
        opening.finish((m) => done.push(m));
        while (idle.pending()) idle.run(Infinity);
        const after = done[0];
        if (deep.size > 0) {
          // Each deep text is its own: it was put off, and measured after.
          deferred++;
          expect(after).toBeDefined();
        }
        if (after === undefined) {
          // Nothing put off: the opening layout was the exact one.
          expect([...deep].every((t) => tops.has(t))).toBe(true);
          expect(plain(opened)).toEqual(plain(truth));
          return;
        }
        expect(plain(layoutModel(model, after, null, cache))).toEqual(plain(truth));
      }),
      { numRuns: 120 },
    );
    // Most runs have a cell of more than EXACT_CARDS_PER_CELL: the measure put something off, and finished it.
    expect(deferred).toBeGreaterThan(60);
  });
});

/**
 * The quote board's benchmarks: full-text search over 100,000 quotes (over HTTP, and in-process per kind of
 * query, to tell the engine from the transport), and the board scrolling those 100,000 quotes in headless
 * Chromium (frame times, each run checked for the list having moved and its rows having arrived).
 *
 * The quotes are made by core's own createQuote, many in one transaction (one commit each would take
 * minutes: the workspace syncs every commit to disk).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from '@playwright/test';
import { createQuote } from '../../electron/core/research/quotes.ts';
import { Workspace } from '../../electron/core/workspace.ts';
import { PAGE_SIZE } from '../../renderer/src/research/quotes/pageCache.ts';
import { spawnHost } from '../e2e/support/host.ts';
import { frameFigures, type FrameFigures } from './canvas.ts';

export interface QuoteBenchRow extends Partial<FrameFigures> {
  name: string;
  unit: string;
  target?: string;
  valid?: boolean;
  check?: string;
}

/**
 * Quotes read like speech: words drawn from a vocabulary by Zipf's law (a few words very common, most rare),
 * the journey words among the common ones, as in real interview notes.
 */
const COMMON = 'the i it was and to a my that they of in not but so when is we then just again'.split(' ');
const DOMAIN = 'delivery app price driver order basket checkout refund slot fee substitute support account email late early fresh missing trust speed'.split(' ');
const VOCABULARY: string[] = [...COMMON, ...DOMAIN];
for (let i = 0; VOCABULARY.length < 4000; i++) VOCABULARY.push(`${'bcdfghklmnprstvw'[i % 16] ?? ''}${'aeiou'[(i >> 4) % 5] ?? ''}${'lmnrst'[(i >> 6) % 6] ?? ''}${i.toString(36)}`);
const ZIPF = (() => {
  const weights = VOCABULARY.map((_, r) => 1 / (r + 1) ** 1.07);
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
})();
/** A deterministic pseudo-random number in [0, 1) for (i, k). */
const rand = (i: number, k: number) => {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(k + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return ((h ^ (h >>> 15)) >>> 0) / 2 ** 32;
};
const wordAt = (u: number) => {
  let lo = 0;
  let hi = ZIPF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ZIPF[mid] ?? 1) < u) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo] ?? '';
};

const QUERIES: { name: string; query: string; filters?: Record<string, unknown> }[] = [
  { name: 'one common word', query: 'delivery' },
  { name: 'prefix as typed', query: 'deliv' },
  { name: 'two words', query: 'driver late' },
  { name: 'phrase', query: '"delivery fee"' },
  { name: 'OR', query: 'refund OR substitute' },
  { name: 'word -word', query: 'basket -checkout' },
  { name: 'rare word', query: 'quote4242' },
  { name: 'words + sentiment filter', query: 'price', filters: { sentiments: [-2, -1] } },
  { name: 'no words, newest first', query: '' },
];

function sentence(i: number): string {
  const n = 8 + Math.floor(rand(i, 0) * 24);
  const words: string[] = [];
  for (let k = 1; k <= n; k++) words.push(wordAt(rand(i, k)));
  return `${words.join(' ')} quote${i}.`;
}

const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), worst: s.at(-1) ?? NaN };
};

/** The mixed queries with words, in turn: 20 to warm up, then 30 of each kind (what the HTTP row asks). */
const MIXED = QUERIES.filter((q) => q.query !== '');
const MIXED_WARM = 20;
const mixedInputs = () =>
  Array.from({ length: MIXED_WARM + MIXED.length * 30 }, (_, i) => {
    const q = MIXED[i % MIXED.length];
    return { query: q?.query, ...q?.filters, offset: 0, limit: PAGE_SIZE };
  });

/** The time of each of `ask`'s answers to the mix after the warm-up, each asked `idleMs` after the last answer. */
async function timedMix(ask: (input: ReturnType<typeof mixedInputs>[number]) => Promise<unknown>, idleMs = 0): Promise<number[]> {
  const samples: number[] = [];
  for (const [i, input] of mixedInputs().entries()) {
    if (idleMs > 0) await new Promise((resolve) => setTimeout(resolve, idleMs));
    const t = performance.now();
    await ask(input);
    if (i >= MIXED_WARM) samples.push(performance.now() - t);
  }
  return samples;
}

/**
 * A workspace file with `count` quotes over 40 interviews (32 of them with one of 4 personas), tagged, a quarter
 * of them on a stage, 2,000 of those also on a card of it.
 */
export async function seedQuotes(file: string, count: number): Promise<void> {
  const ws = Workspace.open(file);
  try {
    const map = await ws.call('maps.create', { title: 'Quote bench', template: 'purchase-journey' });
    const personas: string[] = [];
    for (const name of ['Planner', 'In a hurry', 'Family shopper', 'First order']) personas.push((await ws.call('personas.create', { name })).personas[0]?.id ?? '');
    const interviews: string[] = [];
    for (let i = 0; i < 40; i++) {
      const personaId = i % 5 === 4 ? {} : { personaId: personas[i % personas.length] ?? '' };
      interviews.push((await ws.call('interviews.create', { title: `Interview ${i + 1}`, participant: `Participant ${i + 1}`, ...personaId })).interviews[0]?.id ?? '');
    }
    const tags: string[] = [];
    for (const name of ['pricing', 'delivery', 'trust', 'speed', 'app']) tags.push((await ws.call('tags.create', { name })).tags[0]?.id ?? '');
    const ids: string[] = [];
    const { db } = ws.ctx;
    for (let start = 0; start < count; start += 5000) {
      db.transaction(() => {
        for (let i = start; i < Math.min(count, start + 5000); i++) {
          const tagIds = i % 3 === 0 ? [tags[i % tags.length] ?? ''] : [];
          const made = createQuote(ws.ctx, { interviewId: interviews[i % interviews.length] ?? '', text: sentence(i), sentiment: (i % 5) - 2, tagIds });
          const id = made.quotes[0]?.id;
          if (id && i % 4 === 0) ids.push(id);
        }
      })();
    }
    const stages = map.stages.map((s) => s.id);
    for (let i = 0; i < ids.length; i += 10_000) await ws.call('quotes.link', { quoteIds: ids.slice(i, i + 10_000), stageId: stages[(i / 10_000) % stages.length] ?? '' });
    const lane = map.lanes.find((l) => l.kind === 'text')?.id ?? '';
    const card = (await ws.call('cards.create', { laneId: lane, stageId: stages[0] ?? '', text: 'Checks the delivery slot' })).cards[0]?.id ?? '';
    await ws.call('quotes.link', { quoteIds: ids.slice(0, 2000), stageId: stages[0] ?? '', cardId: card });
  } finally {
    ws.close();
  }
}

/** Runs in the page: scroll the list by `step` px per frame (or to a far place per frame), timing frames. */
function scrollFrames(args: { durationMs: number; step: number; jump: boolean }): Promise<{ deltas: number[]; tops: number[]; firstRows: number[] }> {
  const list = document.querySelector('[role="listbox"][aria-label="Quotes found"]');
  if (!(list instanceof HTMLElement)) throw new Error('no quote list');
  const firstRow = () => Number(list.querySelector('[role="option"]')?.getAttribute('aria-posinset') ?? NaN);
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    const deltas: number[] = [];
    const tops = [list.scrollTop];
    const firstRows = [firstRow()];
    let last = -1;
    let start = -1;
    let i = 0;
    channel.port1.onmessage = () => {
      if (last - start >= args.durationMs) {
        channel.port1.close();
        resolve({ deltas, tops, firstRows });
        return;
      }
      const max = list.scrollHeight - list.clientHeight;
      // A jump: the scroll thumb dragged across the list, a far place every frame.
      list.scrollTop = args.jump ? ((i * 7919) % 1000) * (max / 1000) : Math.min(max, list.scrollTop + args.step);
      i++;
      requestAnimationFrame(frame);
    };
    const frame = (t: number) => {
      if (start < 0) start = t;
      if (last >= 0) {
        deltas.push(t - last);
        tops.push(list.scrollTop);
        firstRows.push(firstRow());
      }
      last = t;
      channel.port2.postMessage(0);
    };
    requestAnimationFrame(frame);
  });
}

async function loadedRows(page: Page): Promise<{ loading: number; rows: number }> {
  return page.evaluate(() => {
    const options = [...document.querySelectorAll('[aria-label="Quotes found"] [role="option"]')];
    return { loading: options.filter((o) => o.classList.contains('quote-row-loading')).length, rows: options.length };
  });
}

async function measureScroll(page: Page, jump: boolean): Promise<QuoteBenchRow> {
  const list = page.getByRole('listbox', { name: 'Quotes found' });
  await list.evaluate((el) => (el.scrollTop = 0));
  await page.waitForTimeout(500);
  const step = 120;
  const run = await page.evaluate(scrollFrames, { durationMs: 3000, step, jump });
  const figures = frameFigures(run.deltas);
  const moved = (run.tops.at(-1) ?? 0) - (run.tops[0] ?? 0);
  const changedFirst = new Set(run.firstRows).size;
  // Rows that were placeholders while the list moved must fill in once it stops.
  let rows = await loadedRows(page);
  for (let i = 0; i < 30 && rows.loading > 0; i++) {
    await page.waitForTimeout(100);
    rows = await loadedRows(page);
  }
  const expected = step * (run.tops.length - 1);
  const ok = (jump ? changedFirst > run.tops.length / 2 : moved >= 0.9 * expected) && rows.loading === 0 && rows.rows > 0 && rows.rows < 80;
  const check = jump
    ? `${changedFirst} different first rows over ${run.tops.length} frames; after stopping ${rows.rows} rows in the DOM, ${rows.loading} still loading`
    : `scrolled ${Math.round(moved)} px of ${Math.round(expected)} asked (${Math.round((100 * moved) / Math.max(1, expected))}%), first row ${run.firstRows[0]} → ${run.firstRows.at(-1)}; ${rows.rows} rows in the DOM, ${rows.loading} still loading`;
  return {
    name: `quote board 100,000 quotes: frame time while ${jump ? 'jumping across the list (scroll thumb)' : `scrolling ${step} px per frame`}`,
    ...figures,
    unit: 'ms',
    target: jump ? undefined : 'p95 ≤ 16.7',
    valid: ok,
    check,
  };
}

/** Seed, serve, search and scroll; rows in the shape run.ts prints. */
export async function benchQuoteBoard(dir: string, browser: Browser, log: (msg: string) => void, count = 100_000): Promise<QuoteBenchRow[]> {
  const file = path.join(dir, 'quotes.waymark');
  log(`quote board: making ${count.toLocaleString('en-US')} quotes`);
  const t0 = performance.now();
  await seedQuotes(file, count);
  log(`quote board: made in ${Math.round(performance.now() - t0)} ms`);
  const rows: QuoteBenchRow[] = [];

  // In-process, per kind of query: what the engine itself costs.
  const ws = Workspace.open(file);
  const perKind: { name: string; p95: number }[] = [];
  try {
    const all: number[] = [];
    // Every filter the board sends, with words: a map's stage (the evidence lane opens the board so), a card, a tag,
    // an interview, a persona, quotes on no stage (each answered by the facet index, migration 5).
    const { db } = ws.ctx;
    const place = db.prepare('SELECT map_id AS mapId, stage_id AS stageId FROM quote_links LIMIT 1').get() as { mapId: string; stageId: string };
    const one = (sql: string) => db.prepare(sql).pluck().get() as string;
    const filtered = [
      { name: 'words + map and stage filter', query: 'delivery', filters: { mapId: place.mapId, stageId: place.stageId } },
      { name: 'words + map filter', query: 'delivery', filters: { mapId: place.mapId } },
      { name: 'words + card filter', query: 'delivery', filters: { cardId: one('SELECT card_id FROM quote_links WHERE card_id IS NOT NULL LIMIT 1') } },
      { name: 'words + tag filter', query: 'delivery', filters: { tagId: one('SELECT tag_id FROM quote_tags LIMIT 1') } },
      { name: 'words + interview filter', query: 'delivery', filters: { interviewId: one('SELECT id FROM interviews LIMIT 1') } },
      { name: 'words + persona filter', query: 'delivery', filters: { personaId: one('SELECT persona_id FROM interviews WHERE persona_id IS NOT NULL LIMIT 1') } },
      { name: 'words + unplaced filter', query: 'delivery', filters: { unlinked: true } },
      { name: 'words + stage and sentiment filter', query: 'delivery', filters: { stageId: place.stageId, sentiments: [-2, -1] } },
      // Search as you type begins with one letter (from its own prefix index since migration 6; not in the HTTP mix).
      { name: 'one letter as typed', query: 'd' },
      { name: 'one letter + stage filter', query: 'd', filters: { stageId: place.stageId } },
      // Without words: the evidence lane opens the board on a stage so; the board's own filters (answered by the facet index).
      { name: 'no words + stage filter', query: '', filters: { stageId: place.stageId } },
      { name: 'no words + tag filter', query: '', filters: { tagId: one('SELECT tag_id FROM quote_tags LIMIT 1') } },
      { name: 'no words + sentiment filter', query: '', filters: { sentiments: [-2, -1] } },
      { name: 'no words + unplaced filter', query: '', filters: { unlinked: true } },
    ];
    // The first filtered search writes the facet words of every quote made since (migration 5): all 100,000 here.
    const t1 = performance.now();
    await ws.call('quotes.search', { query: 'delivery', unlinked: true, offset: 0, limit: PAGE_SIZE });
    const firstMs = performance.now() - t1;
    rows.push({ name: `quotes.search 100,000, in-process: the first with a filter after the ${count.toLocaleString('en-US')} quotes were made (writes their facet words, once)`, p50: firstMs, p95: firstMs, worst: firstMs, unit: 'ms' });
    for (const q of [...QUERIES, ...filtered]) {
      const samples: number[] = [];
      for (let i = 0; i < 40; i++) {
        const t = performance.now();
        await ws.call('quotes.search', { query: q.query, ...q.filters, offset: 0, limit: PAGE_SIZE });
        samples.push(performance.now() - t);
      }
      all.push(...samples.slice(5));
      perKind.push({ name: q.name, p95: stats(samples.slice(5)).p95 });
      rows.push({ name: `quotes.search 100,000, in-process (page of ${PAGE_SIZE}): ${q.name}`, ...stats(samples.slice(5)), unit: 'ms' });
    }
    // The HTTP mix below, in-process, to tell the engine's share from the transport's: back to back, and each after
    // 1 ms idle, as a person's searches come (a search after the CPU went idle may find its caches cold).
    for (const idleMs of [0, 1]) {
      const mixed = await timedMix((input) => ws.call('quotes.search', input), idleMs);
      const how = idleMs === 0 ? 'back to back' : `each after ${idleMs} ms idle`;
      rows.push({ name: `quotes.search 100,000, in-process, the mixed queries of the HTTP row below, ${how}`, ...stats(mixed), unit: 'ms' });
    }
  } finally {
    ws.close();
  }

  const token = randomBytes(24).toString('base64url');
  const { child: host, url, origin } = await spawnHost({ workspace: file, token, stderr: 'inherit' });
  try {
    const post = async (input: unknown) => {
      const res = await fetch(`${origin}/api/quotes.search`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
      if (!res.ok) throw new Error(`quotes.search: ${res.status}`);
      return res.json() as Promise<unknown>;
    };
    const samples = await timedMix(post);
    const slowest = perKind.filter((k) => !k.name.startsWith('no words')).sort((a, b) => b.p95 - a.p95)[0];
    if (slowest) log(`quote board: slowest kind of search in-process: ${slowest.name} (p95 ${slowest.p95.toFixed(1)} ms)`);
    rows.push({ name: `quotes.search full-text over 100,000 quotes, over HTTP (the board's first page of ${PAGE_SIZE}, mixed queries)`, ...stats(samples), unit: 'ms', target: 'p95 ≤ 5' });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.addInitScript(() => sessionStorage.setItem('waymark.ui', JSON.stringify({ section: 'quotes' })));
      await page.goto(url);
      await page.getByRole('status').filter({ hasText: /^100,000 quotes$/ }).waitFor({ timeout: 60_000 });
      // The same mix asked from the page, as the board asks (Chromium's fetch and JSON parse, not Node's).
      const inPage = await page.evaluate(
        async ({ token, inputs, warm }) => {
          const out: number[] = [];
          for (const [i, input] of inputs.entries()) {
            const t = performance.now();
            const res = await fetch('/api/quotes.search', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
            if (!res.ok) throw new Error(`quotes.search: ${res.status}`);
            await res.json();
            if (i >= warm) out.push(performance.now() - t);
          }
          return out;
        },
        { token, warm: MIXED_WARM, inputs: mixedInputs() },
      );
      rows.push({ name: `the same from the page (Chromium's fetch and JSON parse, as the board asks)`, ...stats(inPage), unit: 'ms', target: 'p95 ≤ 5' });
      for (const jump of [false, true]) {
        const row = await measureScroll(page, jump);
        if (row.valid === false) log(`INVALID: ${row.name}: ${row.check ?? ''}`);
        rows.push(row);
      }
    } finally {
      await page.close();
    }
  } finally {
    host.kill('SIGTERM');
  }
  return rows;
}

/**
 * A researcher's whole journey across the screens (issue 11): a persona made with a picture and put on the
 * sample map; an interview with that persona, its Zoom WebVTT imported after the preview; words of one turn
 * selected with the mouse and quoted, given a sentiment and a tag made on the way, and linked to the stage
 * "Sign up" (which has no evidence yet); the map then counts the quote, draws it on the evidence curve and in
 * the evidence lane; the quote board finds it by a prefix and by its tag; the link is taken back from the
 * interview, and the map is as it was. Every step is checked against what the workspace stored.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { SENTIMENT, type MapDocument } from '../../electron/api/types.ts';
import { colourAt, geometry, onScreen, stageHeaderCenter } from './support/canvas.ts';
import { expect, test } from './support/fixtures.ts';
import type { Host } from './support/host.ts';
import { pointIn } from './support/transcript.ts';

const IMAGES = path.join(import.meta.dirname, '../fixtures/images');
const TRANSCRIPTS = path.join(import.meta.dirname, '../fixtures/transcripts');
const SCRATCH = path.join(import.meta.dirname, '../../reports/scratch');

const WORDS = 'the page asked me to log in again';
const QUOTE = new RegExp(`^Quote “${WORDS.slice(0, 20)}`);

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
const signUpLinks = async (host: Host, mapId: string, stageId: string) => (await host.call('maps.get', { id: mapId })).quoteLinks.filter((l) => l.stageId === stageId);


interface StageView {
  /** The evidence curve's point at the stage (map units), if any. */
  point: { x: number; y: number; value: number; n: number; flag: string | null } | null;
  flags: string[];
  /** The quotes the evidence lane shows in the stage's cell. */
  rows: string[];
}

/** What the canvas's own layout holds for one stage: its evidence point and flags on the emotion lane, its evidence cell's rows. */
async function stageView(page: Page, doc: MapDocument, stageId: string): Promise<StageView> {
  const emotion = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
  const evidence = doc.lanes.find((l) => l.kind === 'evidence')?.id ?? '';
  return page.evaluate(
    ({ emotion, evidence, stageId }) => {
      const layout = window.waymarkCanvas?.layout();
      const set = layout?.emotionCurves.get(emotion);
      if (!layout || !set) throw new Error('No emotion lane laid out');
      const p = set.evidence.find((e) => e.stageId === stageId);
      return {
        point: p ? { x: p.x, y: p.y, value: p.value, n: p.n, flag: p.flag } : null,
        flags: set.flags.filter((f) => f.stageId === stageId).map((f) => f.flag),
        rows: (layout.evidenceCells.get(`${evidence}|${stageId}`)?.rows ?? []).map((r) => r.quoteId),
      };
    },
    { emotion, evidence, stageId },
  );
}

/** Open the map and scroll so its emotion lane is at the top of the canvas's body (the evidence lane under it). */
async function openMapAtEmotion(page: Page, doc: MapDocument): Promise<void> {
  await tab(page, 'Map').click();
  await expect(page.getByRole('application', { name: /Journey map canvas/ })).toBeVisible();
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBeGreaterThan(10);
  const emotion = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
  const g = await geometry(page);
  const lane = g.lanes.find((l) => l.id === emotion);
  if (!lane) throw new Error('no emotion lane');
  const want = lane.y - 20;
  if (Math.abs(g.viewport.y - want) > 20) {
    await page.mouse.move(g.canvas.x + 400, g.canvas.y + 300);
    await page.mouse.wheel(0, (want - g.viewport.y) * g.viewport.scale);
    await expect.poll(async () => Math.abs((await geometry(page)).viewport.y - want)).toBeLessThan(20);
  }
}

/** A point inside the fill of the quote-count badge at the top right of a stage header ("❝ 0"), clear of its text. */
async function badgeFill(page: Page, stageId: string): Promise<{ x: number; y: number }> {
  const g = await geometry(page);
  const s = g.stages.find((st) => st.id === stageId);
  if (!s) throw new Error('no such stage');
  // EvidenceBadges.tsx: a 20 px pill, 14 + 7 per character wide ("❝ 0": 35), 10 px from the header's right, 11 px down.
  const left = onScreen(g, s.x + s.width - 10 - 35, 0).x;
  return { x: left + 4 * g.viewport.scale, y: g.canvas.y + 21 * g.viewport.scale };
}

/** Is this colour the warning amber (#c7561a), give or take anti-aliasing? */
const amber = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return r > 170 && g > 60 && g < 120 && b < 60;
};

/** Click the stage's header: the canvas then says what is selected in words (what a screen reader hears). */
async function selectStage(page: Page, stageId: string): Promise<void> {
  const header = stageHeaderCenter(await geometry(page), stageId);
  await page.mouse.click(header.x - 60, header.y);
}

test('a researcher: persona with a picture, a Zoom transcript imported, a quote made, tagged and linked to Sign up, seen on the map, found on the board, and unlinked', async ({ page, sampleHost: host }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const [summary] = await host.call('maps.list', {});
  const before = await host.call('maps.get', { id: summary?.id ?? '' });
  const mapId = before.map.id;
  const signUp = before.stages.find((s) => s.name === 'Sign up')?.id ?? '';
  const maya = before.personas[0];
  // The sample has no evidence for Sign up, and the workshop scored it 0.
  expect(before.quoteLinks.filter((l) => l.stageId === signUp)).toEqual([]);
  expect(before.emotions.find((e) => e.stageId === signUp && e.personaId === null)?.score).toBe(0);

  await page.goto(host.url);
  await openMapAtEmotion(page, before);
  expect(await stageView(page, before, signUp)).toEqual({ point: null, flags: ['no-evidence'], rows: [] });
  await selectStage(page, signUp);
  await expect(page.locator('#canvas-selection')).toHaveText('Stage Sign up: 0 quotes. No evidence yet');
  // The header's badge is the grey of "no evidence" (#f3f4f7).
  await expect.poll(async () => colourAt(page, await badgeFill(page, signUp))).toBe('#f3f4f7');
  await page.keyboard.press('Escape');
  await page.screenshot({ path: path.join(SCRATCH, 'researcher-map-before.png') });

  // 1. Personas: a new persona with a picture (600 × 400 WebP, scaled to 512 px), then on the map from its header.
  await tab(page, 'Personas').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Personas' })).toBeVisible();
  const form = page.getByRole('form', { name: 'New persona' });
  await form.getByRole('textbox', { name: 'New persona’s name' }).fill('Rosa Lind');
  await form.getByRole('button', { name: 'Add persona' }).click();
  const editor = page.getByRole('article', { name: 'Rosa Lind' });
  await editor.getByRole('textbox', { name: 'Role' }).fill('Renews her home insurance online');
  await editor.getByRole('textbox', { name: 'Role' }).press('Enter');
  await editor.getByLabel(/^(Choose|Replace) picture…$/).setInputFiles(path.join(IMAGES, 'cwebp-600x400-lossy.webp'));
  await expect(editor.getByRole('status').filter({ hasText: 'Picture' })).toHaveText('Picture saved (512 × 341 px).');
  const rosa = (await host.call('personas.list', {})).find((p) => p.name === 'Rosa Lind');
  if (!rosa) throw new Error('the persona was not stored');
  await expect.poll(async () => (await host.call('personas.list', {})).find((p) => p.id === rosa.id)?.role).toBe('Renews her home insurance online');
  const image = (await host.call('personas.image', { id: rosa.id })).image;
  expect(image).toMatchObject({ type: 'image/webp', width: 512, height: 341 });
  expect(image?.width).toBeLessThanOrEqual(512);

  await tab(page, 'Map').click();
  const header = page.locator('header.map-header');
  await header.getByRole('combobox', { name: 'Add persona' }).selectOption({ label: 'Rosa Lind · Renews her home insurance online' });
  const chips = header.getByRole('list', { name: 'Personas' });
  await expect(chips.getByRole('button', { name: 'Rosa Lind: open on the Personas screen' })).toBeVisible();
  await expect(chips.getByRole('listitem').filter({ hasText: 'Rosa Lind' }).locator('img')).toHaveAttribute('src', /^data:image\/webp;base64,/);
  await expect.poll(async () => (await host.call('maps.get', { id: mapId })).map.personaIds).toEqual([maya?.id, rosa.id]);

  // 2. Interviews: a new interview with Rosa as its persona, and a Zoom cloud-recording WebVTT imported after its preview.
  await tab(page, 'Interviews').click();
  await page.getByRole('button', { name: 'New interview' }).click();
  const newInterview = page.getByRole('form', { name: 'New interview' });
  await newInterview.getByLabel('Title').fill('Policy renewal call');
  await newInterview.getByLabel('Participant').fill('Tom O’Brien');
  await newInterview.getByLabel('Persona').selectOption({ label: 'Rosa Lind' });
  await newInterview.getByLabel('Date').fill('2026-11-24');
  await newInterview.getByRole('button', { name: 'Create interview' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Policy renewal call' })).toBeVisible();
  const interviewId = (await host.call('interviews.list', { personaId: rosa.id }))[0]?.interview.id ?? '';
  expect((await host.call('interviews.get', { id: interviewId })).interview).toMatchObject({ title: 'Policy renewal call', personaId: rosa.id, heldOn: '2026-11-24', format: 'notes' });

  await page.getByRole('button', { name: 'Import a transcript' }).click();
  const importer = page.getByRole('region', { name: 'Import a transcript' });
  await importer.getByLabel('From a file').setInputFiles(path.join(TRANSCRIPTS, 'made-zoom-cloud.vtt'));
  const preview = importer.getByRole('status', { name: 'Preview' });
  await expect(preview).toContainText('made-zoom-cloud.vtt reads as WebVTT: 3 turns, from 0:02.');
  await expect(preview).toContainText('Speakers: Maya Chen, Tom O\'Brien.');
  expect((await host.call('interviews.get', { id: interviewId })).body).toBe(''); // a preview stores nothing
  await importer.getByRole('button', { name: 'Import' }).click();
  const transcript = page.getByRole('textbox', { name: 'Transcript' });
  const tomTurn = transcript.locator('.turn').filter({ hasText: 'asked me to log in' });
  await expect(tomTurn.locator('.turn-speaker')).toHaveText('Tom O\'Brien');
  await expect(tomTurn.locator('time')).toHaveText('0:08');
  await expect(tomTurn.locator('time')).toHaveAttribute('aria-label', 'at 8 seconds');
  const stored = await host.call('interviews.get', { id: interviewId });
  expect(stored.interview.format).toBe('vtt');
  const turn = stored.turns?.find((t) => stored.body.slice(t.from, t.to).includes(WORDS));
  expect(turn).toMatchObject({ speaker: 'Tom O\'Brien', start: 8.9 });

  // 3. Drag over the words with the mouse and quote them; a sentiment; a tag made on the way.
  const from = await pointIn(page, WORDS, 'start');
  const to = await pointIn(page, WORDS, 'end');
  const top = (await transcript.boundingBox())?.y;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByText(`${WORDS.length} characters selected: “${WORDS}”`)).toBeVisible();
  // The words stayed under the mouse: the status of a long selection does not push the transcript down.
  expect((await transcript.boundingBox())?.y).toBe(top);
  expect(await pointIn(page, WORDS, 'start')).toEqual(from);
  await page.getByRole('button', { name: 'Quote selection' }).click();
  const item = page.getByRole('article', { name: QUOTE });
  await expect(item).toBeVisible();
  const [quote] = (await host.call('quotes.list', { interviewId })).quotes;
  if (!quote) throw new Error('the quote was not stored');
  expect(quote).toMatchObject({ text: WORDS, speaker: 'Tom O\'Brien', atSeconds: 8.9, sentiment: null, tagIds: [] });
  expect(stored.body.slice(quote.startOffset ?? 0, quote.endOffset ?? 0)).toBe(WORDS);
  expect(quote.startOffset).toBeGreaterThanOrEqual(turn?.from ?? Infinity);
  expect(quote.endOffset).toBeLessThanOrEqual(turn?.to ?? -1);
  await expect(transcript.locator('mark', { hasText: WORDS })).toBeVisible();

  await item.getByRole('radio', { name: 'Sentiment −1, negative' }).check();
  await expect.poll(async () => (await host.call('quotes.list', { interviewId })).quotes[0]?.sentiment).toBe(-1);
  const combo = item.getByRole('combobox', { name: /^Add a tag to “the page/ });
  await combo.fill('login wall');
  await expect(item.getByRole('option', { name: 'Create tag “login wall”' })).toBeVisible();
  await combo.press('Enter');
  await expect(item.getByRole('button', { name: 'Remove tag login wall' })).toBeVisible();
  const tag = (await host.call('tags.list', {})).find((t) => t.name === 'login wall');
  expect(tag?.quoteCount).toBe(1);
  expect((await host.call('quotes.list', { interviewId })).quotes[0]?.tagIds).toEqual([tag?.id]);

  // 4. Link it to Sign up, from the quote's own link control (still nothing there before).
  expect(await signUpLinks(host, mapId, signUp)).toEqual([]);
  await item.getByRole('button', { name: 'Link to a stage…' }).click();
  const picker = item.getByRole('group', { name: /^Link “the page.* to a stage$/ });
  await picker.getByLabel('Map').selectOption({ label: before.map.title });
  await picker.getByLabel('Stage').selectOption({ label: 'Sign up' });
  await picker.getByRole('button', { name: 'Link' }).click();
  await expect(item.getByRole('list', { name: /is evidence for$/ }).getByRole('listitem')).toHaveText(`${before.map.title} › Sign up×`);
  const links = await signUpLinks(host, mapId, signUp);
  expect(links).toMatchObject([{ quoteId: quote.id, cardId: null }]);

  // 5. The map: one quote on Sign up, on the evidence curve at −1 on the map's scale (n=1), in the evidence lane.
  await openMapAtEmotion(page, before);
  const expected = before.map.emotionMin + ((-1 - SENTIMENT.min) / (SENTIMENT.max - SENTIMENT.min)) * (before.map.emotionMax - before.map.emotionMin);
  await expect.poll(async () => (await stageView(page, before, signUp)).point).toMatchObject({ value: expected, n: 1 });
  const after = await stageView(page, before, signUp);
  expect(after.flags).not.toContain('no-evidence');
  // −1 is a whole point from the workshop's 0: the stage is flagged as disagreeing instead.
  expect(after.flags).toEqual(['differs']);
  expect(after.rows).toEqual([quote.id]);
  await selectStage(page, signUp);
  await expect(page.locator('#canvas-selection')).toHaveText('Stage Sign up: 1 quote. Workshop says 0, evidence says −1 (n=1)');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('region', { name: 'Evidence for this stage' })).toContainText(WORDS);
  // In pixels: the badge turns from grey to the amber tint of a disagreement; the curve's warning sits by the point.
  await expect.poll(async () => colourAt(page, await badgeFill(page, signUp))).toBe('#fff1e6');
  let g = await geometry(page);
  const warning = onScreen(g, (after.point?.x ?? 0) - 19 - 4, after.point?.y ?? 0);
  await expect.poll(async () => amber(await colourAt(page, warning))).toBe(true);
  await page.keyboard.press('Escape');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SCRATCH, 'researcher-map.png') });

  // 6. The quote board: a prefix of a word finds it with the match marked; the new tag filters to it.
  await tab(page, 'Quotes').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Quotes' })).toBeVisible();
  const list = page.getByRole('listbox', { name: 'Quotes found' });
  await page.getByRole('searchbox', { name: 'Search quotes' }).fill('pag');
  const found = await host.call('quotes.search', { query: 'pag', offset: 0, limit: 50 });
  expect(found.hits.map((h) => h.quote.id)).toContain(quote.id);
  await expect(page.locator('.quote-count')).toHaveText(found.total === 1 ? '1 quote' : `${found.total} quotes`);
  const row = list.getByRole('option', { name: /the page asked me/ });
  await expect(row.locator('mark')).toHaveText('page');
  await expect(row).toContainText('Tom O\'Brien');
  await expect(row).toContainText(`On ${before.map.title} › Sign up`);
  await page.getByRole('searchbox', { name: 'Search quotes' }).fill('');
  const filters = page.getByRole('group', { name: 'Filters' });
  await filters.getByRole('combobox', { name: 'Tag', exact: true }).selectOption({ label: 'login wall' });
  await expect(page.locator('.quote-count')).toHaveText('1 quote');
  expect((await host.call('quotes.search', { tagId: tag?.id ?? '', offset: 0, limit: 10 })).hits.map((h) => h.quote.id)).toEqual([quote.id]);
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option')).toContainText(WORDS);

  // 7. Take the link back where it was made: open the quote in its transcript, Unlink; the map is as before.
  // (Retried once in a while: on a loaded machine a CI run saw a double-click on the row open nothing, the
  // board's search for the tag filter still answering; the row now opens the quote it shows either way.)
  await expect(async () => {
    await list.getByRole('option', { name: /the page asked me/ }).dblclick();
    await expect(page.getByRole('heading', { level: 2, name: 'Policy renewal call' })).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 15_000 });
  await expect(item).toHaveAttribute('aria-current', 'true');
  await item.getByRole('button', { name: `Unlink from ${before.map.title} › Sign up` }).click();
  const took = page.getByRole('status').filter({ hasText: /^Took “the page asked me to log in/ });
  await expect(took).toContainText(`Took “the page asked me to log in aga…” off ${before.map.title} › Sign up.`);
  await expect(item.getByRole('list', { name: /is evidence for$/ })).toHaveCount(0);
  await expect.poll(() => signUpLinks(host, mapId, signUp)).toEqual([]);
  // Undo brings the link back (the workspace holds it again, the quote lists its place), and Unlink takes it off again.
  await took.getByRole('button', { name: 'Undo' }).click();
  await expect(item.getByRole('list', { name: /is evidence for$/ })).toContainText(`${before.map.title} › Sign up`);
  await expect.poll(async () => (await signUpLinks(host, mapId, signUp)).length).toBe(1);
  expect((await host.call('quotes.list', { interviewId })).links.map((l) => [l.quoteId, l.stageId])).toEqual([[quote.id, signUp]]);
  await item.getByRole('button', { name: `Unlink from ${before.map.title} › Sign up` }).click();
  await expect(item.getByRole('list', { name: /is evidence for$/ })).toHaveCount(0);
  await expect.poll(() => signUpLinks(host, mapId, signUp)).toEqual([]);
  expect((await host.call('quotes.list', { interviewId })).links).toEqual([]);

  await openMapAtEmotion(page, before);
  await expect.poll(async () => stageView(page, before, signUp)).toEqual({ point: null, flags: ['no-evidence'], rows: [] });
  await selectStage(page, signUp);
  await expect(page.locator('#canvas-selection')).toHaveText('Stage Sign up: 0 quotes. No evidence yet');
  await page.keyboard.press('Escape');
  await page.mouse.move(0, 0);
  await expect.poll(async () => colourAt(page, await badgeFill(page, signUp))).toBe('#f3f4f7');
  g = await geometry(page);
  expect(amber(await colourAt(page, onScreen(g, (after.point?.x ?? 0) - 19 - 4, after.point?.y ?? 0)))).toBe(false);
  // The quote itself stays, with its sentiment and tag; only the link went.
  expect((await host.call('quotes.list', { interviewId })).quotes).toMatchObject([{ id: quote.id, sentiment: -1, tagIds: [tag?.id] }]);
});

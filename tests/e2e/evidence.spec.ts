/**
 * Evidence on the map, as a person sees it: quotes linked to a stage show in its header count, in the
 * evidence lane and as the evidence curve beside the workshop's; a stage without evidence and one where the
 * two disagree are flagged; a persona's curve is picked and scored; evidence edits made on the map undo with
 * Ctrl+Z. Every result is checked against what the workspace stored (maps.get) and, for the canvas, in pixels.
 */
import type { Page } from '@playwright/test';
import type { MapDocument } from '../../electron/api/types.ts';
import { canvasTexts, cardCenter, colourAt, geometry, onScreen, stageHeaderCenter } from './support/canvas.ts';
import { expect, test } from './support/fixtures.ts';
import type { Host } from './support/host.ts';

const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: /changes saved|Saving/ })).toHaveText('All changes saved');

async function openSample(page: Page, host: Host): Promise<MapDocument> {
  const [summary] = await host.call('maps.list', {});
  const doc = await host.call('maps.get', { id: summary?.id ?? '' });
  await page.goto(host.url);
  await expect(page.getByRole('application', { name: /Journey map canvas/ })).toBeVisible();
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBeGreaterThan(10);
  return doc;
}

const stageOf = (doc: MapDocument, name: string) => doc.stages.find((s) => s.name === name)?.id ?? '';

interface EvidenceView {
  evidence: { stageId: string; x: number; y: number; value: number; n: number; flag: string | null }[];
  flags: { stageId: string; flag: string }[];
  personas: { personaId: string; points: { stageId: string; score: number }[] }[];
}

/** The emotion lane's evidence geometry, read from the app's own layout. */
async function evidenceView(page: Page, laneId: string): Promise<EvidenceView> {
  return page.evaluate((id) => {
    const set = window.waymarkCanvas?.layout().emotionCurves.get(id);
    if (!set) throw new Error('No emotion lane laid out');
    return {
      evidence: set.evidence.map((p) => ({ stageId: p.stageId, x: p.x, y: p.y, value: p.value, n: p.n, flag: p.flag })),
      flags: set.flags.map((f) => ({ stageId: f.stageId, flag: f.flag })),
      personas: set.personas.map((c) => ({ personaId: c.personaId, points: c.points.map((p) => ({ stageId: p.stageId, score: p.score })) })),
    };
  }, laneId);
}

/** Scroll the canvas so the emotion lane is at the top of the body. */
async function showEmotionLane(page: Page, laneId: string): Promise<void> {
  const g = await geometry(page);
  const lane = g.lanes.find((l) => l.id === laneId);
  await page.mouse.move(g.canvas.x + 400, g.canvas.y + 300);
  await page.mouse.wheel(0, (lane?.y ?? 0) - 20);
  await expect.poll(async () => (await geometry(page)).viewport.y).toBeGreaterThan((lane?.y ?? 0) - 40);
}

/** Is this colour the warning amber (#c7561a), give or take anti-aliasing? */
const amber = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return r > 170 && g > 60 && g < 120 && b < 60;
};

test('linked quotes show as the stage’s count and the evidence curve; a stage without evidence and one that disagrees are flagged', async ({ page, sampleHost }) => {
  const doc = await openSample(page, sampleHost);
  const signup = stageOf(doc, 'Sign up');
  const emotion = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
  expect(doc.emotions.find((e) => e.stageId === signup && e.personaId === null)?.score).toBe(0);
  await showEmotionLane(page, emotion);

  // Sign up has no quotes: flagged on the canvas and in words.
  expect((await evidenceView(page, emotion)).flags).toContainEqual({ stageId: signup, flag: 'no-evidence' });
  let g = await geometry(page);
  const header = stageHeaderCenter(g, signup);
  await page.mouse.click(header.x - 60, header.y);
  await expect(page.locator('#canvas-selection')).toHaveText('Stage Sign up: 0 quotes. No evidence yet');

  // Two quotes arrive through the contract (as from the quote board in another window): −2 and −1.
  const interview = (await sampleHost.call('interviews.create', { title: 'Sign-up test', participant: 'Ana' })).interviews[0]?.id ?? '';
  const quoteIds: string[] = [];
  for (const [text, sentiment] of [['I gave up at the account wall', -2], ['Why do I need a password?', -1]] as const) {
    quoteIds.push((await sampleHost.call('quotes.create', { interviewId: interview, text, sentiment })).quotes[0]?.id ?? '');
  }
  await sampleHost.call('quotes.link', { quoteIds, stageId: signup });
  await expect(page.locator('#canvas-selection')).toHaveText('Stage Sign up: 2 quotes. Workshop says 0, evidence says −1.5 (n=2)');
  await expect.poll(async () => (await evidenceView(page, emotion)).evidence.find((p) => p.stageId === signup)).toMatchObject({ value: -1.5, n: 2, flag: 'differs' });
  const point = (await evidenceView(page, emotion)).evidence.find((p) => p.stageId === signup);
  if (!point) throw new Error('no evidence point');
  g = await geometry(page);
  // The warning badge sits left of the evidence point: amber pixels where there were none before.
  const badge = onScreen(g, point.x - 19 - 4, point.y);
  await expect.poll(async () => amber(await colourAt(page, badge))).toBe(true);

  // The person moves one quote's sentiment from the inspector: the curve moves and the flag goes.
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const first = inspector.getByRole('listitem').filter({ hasText: 'account wall' });
  await first.getByRole('group', { name: /^Sentiment of/ }).getByRole('button', { name: 'Sentiment +2' }).click();
  await saved(page);
  await expect.poll(async () => (await evidenceView(page, emotion)).evidence.find((p) => p.stageId === signup)).toMatchObject({ value: 0.5, flag: null });
  expect((await sampleHost.call('maps.get', { id: doc.map.id })).quotes.find((q) => q.id === quoteIds[0])?.sentiment).toBe(2);
  await expect.poll(async () => amber(await colourAt(page, badge))).toBe(false);

  // Ctrl+Z puts the sentiment back, and the flag with it.
  await page.keyboard.press('Control+z');
  await saved(page);
  expect((await sampleHost.call('maps.get', { id: doc.map.id })).quotes.find((q) => q.id === quoteIds[0])?.sentiment).toBe(-2);
  await expect.poll(async () => amber(await colourAt(page, badge))).toBe(true);
  await page.screenshot({ path: 'test-results/evidence-curve-flags.png' });

  // The day a quote was said, given in the inspector beside its sentiment: shown with who said it, and undone.
  const day = first.getByLabel(/^Day quote “I gave up at the account wall” was said$/);
  await day.fill('2026-05-01');
  await day.press('Enter');
  await saved(page);
  await expect(first.locator('time')).toHaveAttribute('datetime', '2026-05-01');
  expect((await sampleHost.call('maps.get', { id: doc.map.id })).quotes.find((q) => q.id === quoteIds[0])?.saidOn).toBe('2026-05-01');
  // The evidence lane on the canvas shows the day in that quote's row too.
  const shownDay = await first.locator('time').innerText();
  await expect.poll(() => canvasTexts(page)).toContain(shownDay);
  await day.evaluate((el) => (el as HTMLElement).blur());
  await page.keyboard.press('Control+z');
  await saved(page);
  await expect(first.locator('time')).toHaveCount(0);
  await expect(day).toHaveValue('');
  await expect.poll(() => canvasTexts(page)).not.toContain(shownDay);
  expect((await sampleHost.call('maps.get', { id: doc.map.id })).quotes.find((q) => q.id === quoteIds[0])?.saidOn).toBeNull();

  // The table view says the same in words.
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.getByRole('rowheader', { name: /^Sign up/ }).or(page.getByRole('columnheader', { name: /^Sign up/ }))).toContainText('2 quotes · ⚠ Workshop says 0, evidence says −1.5 (n=2)');
});

test('pick a persona’s curve and set its score on the canvas; undo takes only that score back', async ({ page, sampleHost }) => {
  const doc = await openSample(page, sampleHost);
  const signup = stageOf(doc, 'Sign up');
  const emotion = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
  const maya = doc.personas[0];
  if (!maya) throw new Error('the sample map has no persona');
  await showEmotionLane(page, emotion);

  const picker = page.getByRole('combobox', { name: 'Emotion curve to edit' });
  await picker.selectOption({ label: `${maya.name} · squares` });
  const g = await geometry(page);
  const lane = g.lanes.find((l) => l.id === emotion);
  const stage = g.stages.find((s) => s.id === signup);
  if (!lane || !stage) throw new Error('no cell');
  // +2 is at the top of the lane's scale (26 map units below its top).
  await page.mouse.click(onScreen(g, stage.x + stage.width / 2 + 40, 0).x, onScreen(g, 0, lane.y + 26).y);
  await saved(page);
  let stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.emotions.find((e) => e.stageId === signup && e.personaId === maya.id)).toMatchObject({ score: 2, laneId: emotion });
  expect(stored.emotions.find((e) => e.stageId === signup && e.personaId === null)?.score).toBe(0);
  expect((await evidenceView(page, emotion)).personas.find((c) => c.personaId === maya.id)?.points).toContainEqual({ stageId: signup, score: 2 });
  await expect(page.locator('#canvas-selection')).toHaveText(`Emotion for ${maya.name} at Sign up: +2`);

  // ↓ lowers the persona's score, not the team's.
  await page.keyboard.press('ArrowDown');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.emotions.find((e) => e.stageId === signup && e.personaId === maya.id)?.score).toBe(1);
  expect(stored.emotions.find((e) => e.stageId === signup && e.personaId === null)?.score).toBe(0);

  await page.keyboard.press('Control+z');
  await saved(page);
  await page.keyboard.press('Control+z');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.emotions.find((e) => e.stageId === signup && e.personaId === maya.id)).toBeUndefined();
  expect(stored.emotions.find((e) => e.stageId === signup && e.personaId === null)?.score).toBe(0);
  await page.screenshot({ path: 'test-results/evidence-persona-curve.png' });

  // Back on the team's curve, a click sets the team's score.
  await picker.selectOption({ label: 'Team (workshop) · circles' });
  await page.mouse.click(onScreen(g, stage.x + stage.width / 2 + 40, 0).x, onScreen(g, 0, lane.y + 26).y);
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.emotions.find((e) => e.stageId === signup && e.personaId === null)?.score).toBe(2);
});

test('put a stage’s quote on a card and take one off the map from the inspector, each undone with Ctrl+Z', async ({ page, sampleHost }) => {
  const doc = await openSample(page, sampleHost);
  const basket = stageOf(doc, 'Build the basket');
  const card = doc.cards.find((c) => c.stageId === basket && c.text.startsWith('Compares prices'));
  const link = doc.quoteLinks.find((l) => l.stageId === basket);
  if (!card || !link) throw new Error('the sample has changed');
  const g = await geometry(page);
  const at = cardCenter(g, card.id);
  await page.mouse.click(at.x, at.y);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const evidence = inspector.getByRole('region', { name: 'Evidence for this card' });
  await evidence.getByRole('combobox', { name: 'Put a quote of this stage on the card' }).selectOption({ index: 1 });
  await expect.poll(async () => (await sampleHost.call('maps.get', { id: doc.map.id })).quoteLinks.filter((l) => l.cardId === card.id).map((l) => l.quoteId)).toEqual([link.quoteId]);
  await saved(page);
  await expect(evidence.getByRole('heading')).toContainText('1 quote');
  // The assumed card had no meta line: it grows one for its quote count (the layout says so).
  await expect.poll(async () => (await geometry(page)).cards[card.id]?.height).toBeGreaterThan(g.cards[card.id]?.height ?? 0);

  await page.keyboard.press('Control+z');
  await saved(page);
  let stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.quoteLinks.filter((l) => l.cardId === card.id)).toEqual([]);
  expect(stored.quoteLinks.find((l) => l.id === link.id)).toBeDefined();

  // From the stage: take its quote off the map, then undo.
  const header = stageHeaderCenter(await geometry(page), basket);
  await page.mouse.click(header.x - 60, header.y);
  const stageEvidence = inspector.getByRole('region', { name: 'Evidence for this stage' });
  await stageEvidence.getByRole('button', { name: /^Take off the map: quote .*, from the stage Build the basket$/ }).click();
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.quoteLinks.find((l) => l.id === link.id)).toBeUndefined();
  await expect(page.locator('#canvas-selection')).toHaveText('Stage Build the basket: 0 quotes. No evidence yet');
  await page.keyboard.press('Control+z');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.quoteLinks.find((l) => l.id === link.id)).toMatchObject({ quoteId: link.quoteId, stageId: basket, cardId: null });
  await expect(page.locator('#canvas-selection')).toHaveText('Stage Build the basket: 1 quote');

  // Tag the stage's quote from the inspector, then undo: the quote keeps exactly the tags it had.
  const pricing = (await sampleHost.call('tags.list', {})).find((t) => t.name === 'pricing');
  if (!pricing) throw new Error('the sample has no "pricing" tag');
  const before = stored.quotes.find((q) => q.id === link.quoteId)?.tagIds ?? [];
  await stageEvidence.getByRole('combobox', { name: /^Add a tag to quote/ }).selectOption({ label: 'pricing' });
  await expect.poll(async () => (await sampleHost.call('maps.get', { id: doc.map.id })).quotes.find((q) => q.id === link.quoteId)?.tagIds).toContain(pricing.id);
  await expect(stageEvidence.getByRole('button', { name: 'Remove tag pricing' })).toBeVisible();
  await saved(page);
  await page.keyboard.press('Control+z');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.quotes.find((q) => q.id === link.quoteId)?.tagIds.sort()).toEqual([...before].sort());
});

test('undoing a stage delete brings its quotes back on the canvas', async ({ page, sampleHost }) => {
  const doc = await openSample(page, sampleHost);
  const basket = stageOf(doc, 'Build the basket');
  const links = doc.quoteLinks.filter((l) => l.stageId === basket);
  expect(links.length).toBe(1);
  const emotion = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
  const header = stageHeaderCenter(await geometry(page), basket);
  await page.mouse.click(header.x - 60, header.y);
  await page.keyboard.press('Delete');
  await page.getByRole('dialog', { name: 'Delete the stage "Build the basket"?' }).getByRole('button', { name: 'Delete stage' }).click();
  await saved(page);
  expect((await sampleHost.call('maps.get', { id: doc.map.id })).quoteLinks.filter((l) => l.stageId === basket)).toEqual([]);
  await page.keyboard.press('Control+z');
  await saved(page);
  const stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.quoteLinks.filter((l) => l.stageId === basket).map((l) => l.id).sort()).toEqual(links.map((l) => l.id).sort());
  await expect.poll(async () => (await evidenceView(page, emotion)).evidence.find((p) => p.stageId === basket)).toMatchObject({ n: 1, value: -1 });
  const rows = await page.evaluate(() => {
    const layout = window.waymarkCanvas?.layout();
    return layout ? [...layout.evidenceCells.values()].map((c) => [c.stageId, c.rows.length] as const) : [];
  });
  expect(rows).toContainEqual([basket, 1]);
});

test('where the evidence agrees with the workshop, its ring goes round the team’s point and its line passes under the score', async ({ page, sampleHost }) => {
  const doc = await openSample(page, sampleHost);
  const emotion = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
  await showEmotionLane(page, emotion);
  const agreeing = await page.evaluate((id) => {
    const set = window.waymarkCanvas?.layout().emotionCurves.get(id);
    return set?.evidence.filter((p) => p.teamY !== null && Math.abs(p.teamY - p.y) < 4).map((p) => ({ stageId: p.stageId, x: p.x, y: p.y })) ?? [];
  }, emotion);
  expect(agreeing.length, 'the sample has a stage where quotes and workshop agree').toBeGreaterThan(0);
  const g = await geometry(page);
  const purple = (hex: string) => {
    const [r, gr, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    return b > 150 && r < 150 && gr < 100;
  };
  for (const p of agreeing) {
    // The middle of the team's marker (its score) is the team's, not the evidence's dashes; the ring is purple.
    expect(purple(await colourAt(page, onScreen(g, p.x, p.y))), `${p.stageId}: the team's marker shows at its centre`).toBe(false);
    let ring = false;
    for (let dx = 10; dx <= 16 && !ring; dx++) ring = purple(await colourAt(page, onScreen(g, p.x - dx, p.y)));
    expect(ring, `${p.stageId}: the evidence's ring round it`).toBe(true);
  }
});

test('a click on the evidence lane opens the quote board filtered to that stage, listing what the workspace links there', async ({ page, sampleHost }) => {
  const doc = await openSample(page, sampleHost);
  const lane = doc.lanes.find((l) => l.kind === 'evidence');
  if (!lane) throw new Error('the sample map has no evidence lane');
  // A stage with linked quotes, and how many the workspace finds there.
  const stage = doc.stages.find((s) => doc.quoteLinks.some((l) => l.stageId === s.id));
  if (!stage) throw new Error('no stage of the sample has quotes');
  const found = await sampleHost.call('quotes.search', { mapId: doc.map.id, stageId: stage.id, offset: 0, limit: 50 });
  expect(found.total).toBeGreaterThan(0);
  await showEmotionLane(page, lane.id);
  const g = await geometry(page);
  const box = g.lanes.find((l) => l.id === lane.id);
  const column = g.stages.find((s) => s.id === stage.id);
  if (!box || !column) throw new Error('the lane or stage is not laid out');
  // Low in the cell, below the quotes it lists: the lane itself, not a quote.
  const at = onScreen(g, column.x + column.width / 2, box.y + box.height - 8);
  await page.mouse.click(at.x, at.y);

  await expect(page.getByRole('heading', { level: 1, name: 'Quotes' })).toBeVisible();
  const filters = page.getByRole('group', { name: 'Filters' });
  await expect(filters.getByRole('combobox', { name: 'Map', exact: true })).toHaveValue(doc.map.id);
  await expect(filters.getByRole('combobox', { name: 'Stage', exact: true })).toHaveValue(stage.id);
  await expect(page.locator('.quote-count')).toHaveText(found.total === 1 ? '1 quote' : `${found.total} quotes`);
  const list = page.getByRole('listbox', { name: 'Quotes found' });
  await expect(list.getByRole('option')).toHaveCount(found.hits.length);
  for (const hit of found.hits) await expect(list.getByRole('option').filter({ hasText: hit.quote.text.slice(0, 30) })).toHaveCount(1);
});

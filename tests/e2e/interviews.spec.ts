import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import type { Host } from './support/host.ts';
import { pointIn } from './support/transcript.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/transcripts');
/** Screenshots to look at (git-ignored); the README's copies in resources/screenshots/ are chosen from them. */
const SHOTS = path.resolve(import.meta.dirname, '../../reports/scratch');

/** Open the Interviews screen from the top bar. */
async function openInterviews(page: Page, host: Host): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Interviews' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Interviews' })).toBeVisible();
}

/** Make an interview with the form, as a person would; its id from the workspace. */
async function createInterview(page: Page, host: Host, title: string): Promise<string> {
  await page.getByRole('button', { name: 'New interview' }).click();
  const form = page.getByRole('form', { name: 'New interview' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Participant').fill('Alba M.');
  await form.getByLabel('Date').fill('2026-11-20');
  await form.getByLabel('Method').selectOption('usability test');
  await form.getByRole('button', { name: 'Create interview' }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  const found = (await host.call('interviews.list', {})).find((s) => s.interview.title === title);
  expect(found?.interview).toMatchObject({ participant: 'Alba M.', heldOn: '2026-11-20', method: 'usability test', format: 'notes' });
  return found?.interview.id ?? '';
}


/** The text of the turn the caret is in (read only: the caret is moved with the keyboard). */
const caretTurn = (page: Page) => page.evaluate(() => document.getSelection()?.focusNode?.parentElement?.closest('[data-from]')?.textContent ?? '');

/** axe-core's serious and critical findings on the Interviews screen (the top bar is the app's), in words. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .include('.interviews-screen')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

const quoteItem = (page: Page, words: string): Locator => page.getByRole('article', { name: new RegExp(`^Quote “${words}`) });

test('import a Netflix WebVTT after its preview; a broken file shows its line and stores nothing', async ({ page, sampleHost: host }) => {
  await openInterviews(page, host);
  const id = await createInterview(page, host, 'Switchboard operators, episode 1');
  await page.getByRole('button', { name: 'Import a transcript' }).click();
  const importer = page.getByRole('region', { name: 'Import a transcript' });
  const file = importer.getByLabel('From a file');

  // A .vtt without its WEBVTT line: refused with the line, Import stays off, nothing is stored.
  await file.setInputFiles(path.join(FIXTURES, 'webvtt-py-invalid.vtt'));
  const refusal = importer.getByRole('alert');
  await expect(refusal).toContainText('webvtt-py-invalid.vtt cannot be imported.');
  await expect(refusal).toContainText('Line 1:');
  await expect(refusal).toContainText('Nothing was imported.');
  await expect(importer.getByRole('button', { name: 'Import' })).toBeDisabled();
  expect((await host.call('interviews.get', { id })).body).toBe('');

  // An SRT saved by an old Windows tool (Windows-1252, not UTF-8): its accents and dash are read right.
  const cp1252 = Buffer.from([...Buffer.from('1\r\n00:00:01,000 --> 00:00:04,000\r\nJos'), 0xe9, ...Buffer.from(': Caf'), 0xe9, 0x20, 0x96, ...Buffer.from(' tr'), 0xe8, ...Buffer.from('s bien\r\n')]);
  await file.setInputFiles({ name: 'old-tool.srt', mimeType: 'application/x-subrip', buffer: cp1252 });
  const cpPreview = importer.getByRole('status', { name: 'Preview' });
  await expect(cpPreview).toContainText('old-tool.srt reads as SRT: 1 turn, from 0:01.');
  await expect(cpPreview).toContainText('it was read as Windows-1252 text.');
  await expect(cpPreview).toContainText('Speakers: José.');
  await expect(cpPreview.getByRole('list', { name: 'First turns' })).toContainText('Café – très bien');

  // A real Netflix WebVTT: the preview says how it reads and who speaks, then Import stores it.
  await file.setInputFiles(path.join(FIXTURES, 'webvtt-py-netflix_chicas_del_cable.vtt'));
  const preview = importer.getByRole('status', { name: 'Preview' });
  await expect(preview).toContainText('reads as WebVTT: 11 turns, from 0:07.');
  await expect(preview).toContainText('Speakers: Alba, Pedro, Beltrán, Sara.');
  expect((await host.call('interviews.get', { id })).body).toBe('');
  await page.screenshot({ path: path.join(SHOTS, 'interviews-import-preview.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await importer.getByRole('button', { name: 'Import' }).click();

  const transcript = page.getByRole('textbox', { name: 'Transcript' });
  await expect(transcript).toBeVisible();
  const pedro = transcript.locator('.turn').filter({ hasText: 'Lo haré cuando' });
  await expect(pedro.locator('.turn-speaker')).toHaveText('Pedro');
  await expect(pedro.locator('time')).toHaveText('2:10');
  await expect(pedro.locator('time')).toHaveAttribute('aria-label', 'at 2 minutes 10 seconds');
  const stored = await host.call('interviews.get', { id });
  expect(stored.interview.format).toBe('vtt');
  expect(stored.turns?.map((t) => t.speaker).filter(Boolean)).toEqual(['Alba', 'Pedro', 'Beltrán', 'Sara']);
  for (const t of stored.turns ?? []) await expect(transcript.locator(`[data-from="${t.from}"]`)).toHaveText(stored.body.slice(t.from, t.to));
  await expect(page.getByRole('list', { name: 'Interviews, newest first' }).getByRole('button').first()).toContainText('Switchboard operators, episode 1');

  // Pasted text that is not a transcript is refused too, and the stored one stays.
  await page.getByRole('button', { name: 'Replace transcript' }).click();
  await importer.getByLabel('Read as').selectOption('srt');
  await importer.getByLabel('Or paste it here').fill('1\nsome text');
  await importer.getByRole('button', { name: 'Preview pasted text' }).click();
  await expect(importer.getByRole('alert')).toContainText('The pasted text cannot be imported. Line 2:');
  await importer.getByRole('button', { name: 'Cancel' }).click();
  expect((await host.call('interviews.get', { id })).body).toBe(stored.body);
});

test('quote with the mouse and with the keyboard; sentiment, a new tag and a stage link are stored', async ({ page, sampleHost: host }) => {
  const created = await host.call('interviews.create', {
    title: 'Switchboard operators, episode 1',
    participant: 'Alba M.',
    heldOn: '2026-11-20',
    body: { text: (await import('node:fs')).readFileSync(path.join(FIXTURES, 'webvtt-py-netflix_chicas_del_cable.vtt'), 'utf8'), format: 'auto', fileName: 'episode.vtt' },
  });
  const id = created.interviews[0]?.id ?? '';
  await openInterviews(page, host);
  const transcript = page.getByRole('textbox', { name: 'Transcript' });
  await expect(transcript).toContainText('Lo haré cuando');

  // With the mouse: drag over Pedro's words, then "Quote selection".
  const words = 'Lo haré cuando le digas a tu amiga';
  const from = await pointIn(page, words, 'start');
  const to = await pointIn(page, words, 'end');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByText(`34 characters selected: “${words}”`)).toBeVisible();
  const quoteButton = page.getByRole('button', { name: 'Quote selection' });
  await expect(quoteButton).toHaveAttribute('title', 'Quote selection (Ctrl+Shift+Q)');
  await quoteButton.click();
  await expect(quoteItem(page, 'Lo haré')).toBeVisible();
  let { quotes } = await host.call('quotes.list', { interviewId: id });
  const body = (await host.call('interviews.get', { id })).body;
  expect(quotes).toHaveLength(1);
  const byMouse = quotes[0];
  expect(byMouse).toMatchObject({ text: words, speaker: 'Pedro', atSeconds: 130.72 });
  expect(body.slice(byMouse?.startOffset ?? 0, byMouse?.endOffset ?? 0)).toBe(words);
  await expect(transcript.locator('mark', { hasText: words })).toHaveAttribute('title', 'Quote: click to select it');

  // With the keyboard only: into the transcript, down to Beltrán's turn, Shift+Ctrl+→ over five words, Ctrl+Shift+Q.
  await transcript.focus();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 40 && !(await caretTurn(page)).startsWith('Así que'); i++) await page.keyboard.press('ArrowDown');
  expect(await caretTurn(page)).toMatch(/^Así que estabas/);
  await page.keyboard.press('Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Control+ArrowRight');
  await expect(page.getByText(/selected: “Así que estabas en la”/)).toBeVisible();
  await page.keyboard.press('Control+Shift+Q');
  await expect(quoteItem(page, 'Así que estabas en la')).toBeVisible();
  // Nothing was typed into the transcript on the way.
  expect((await host.call('interviews.get', { id })).body).toBe(body);
  ({ quotes } = await host.call('quotes.list', { interviewId: id }));
  const byKeys = quotes.find((q) => q.text.startsWith('Así'));
  expect(byKeys).toMatchObject({ text: 'Así que estabas en la', speaker: 'Beltrán', atSeconds: 221.76 });
  expect(body.slice(byKeys?.startOffset ?? 0, byKeys?.endOffset ?? 0)).toBe('Así que estabas en la');

  // Sentiment −1 on the mouse's quote.
  const item = quoteItem(page, 'Lo haré');
  await item.getByRole('radio', { name: 'Sentiment −1, negative' }).check();
  await expect.poll(async () => (await host.call('quotes.list', { interviewId: id })).quotes.find((q) => q.id === byMouse?.id)?.sentiment).toBe(-1);

  // The day it was said, beside its sentiment: typed in, saved on Enter, and shown with who said it.
  const day = item.getByLabel(/^Day “Lo haré.*” was said$/);
  await expect(day).toHaveValue('');
  await day.fill('2026-03-04');
  await day.press('Enter');
  await expect.poll(async () => (await host.call('quotes.list', { interviewId: id })).quotes.find((q) => q.id === byMouse?.id)?.saidOn).toBe('2026-03-04');
  await expect(item.locator('.quote-meta time')).toHaveAttribute('datetime', '2026-03-04');
  await day.blur();
  const savedDay = async () => (await host.call('quotes.list', { interviewId: id })).quotes.find((q) => q.id === byMouse?.id)?.saidOn;
  expect(await savedDay()).toBe('2026-03-04');
  // A part of the day cleared to be typed again, and the field left half typed: the day is not cleared.
  await day.click();
  await page.keyboard.press('Backspace');
  await expect(day).toHaveValue(''); // what Chromium reports for a half-typed day
  await day.blur();
  await expect(day).toHaveValue('2026-03-04');
  expect(await savedDay()).toBe('2026-03-04');
  // A day the workspace refuses: said in words, and the field shows the saved day again.
  await page.route('**/api/quotes.update', (route) =>
    route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'Invalid', message: 'The day cannot be saved (test).' } }) }),
  );
  await day.fill('2026-05-06');
  await day.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'The day cannot be saved (test).' })).toBeVisible();
  await expect(day).toHaveValue('2026-03-04');
  await page.unroute('**/api/quotes.update');
  expect(await savedDay()).toBe('2026-03-04');

  // A new tag, made from the combobox; then the same tag reused on the other quote.
  const combo = item.getByRole('combobox', { name: /^Add a tag to “Lo haré/ });
  await combo.fill('jealousy');
  await expect(item.getByRole('option', { name: 'Create tag “jealousy”' })).toBeVisible();
  await combo.press('Enter');
  await expect(item.getByRole('button', { name: 'Remove tag jealousy' })).toBeVisible();
  const tag = (await host.call('tags.list', {})).find((t) => t.name === 'jealousy');
  expect(tag?.quoteCount).toBe(1);
  const other = quoteItem(page, 'Así que');
  await other.getByRole('combobox').fill('jeal');
  await other.getByRole('option', { name: 'jealousy' }).click();
  await expect(other.getByRole('button', { name: 'Remove tag jealousy' })).toBeVisible();
  expect((await host.call('tags.list', {})).filter((t) => t.name === 'jealousy')).toEqual([{ id: tag?.id, name: 'jealousy', quoteCount: 2 }]);

  // Linked to a stage of the sample map: maps.get shows the stage holds the quote.
  const [map] = await host.call('maps.list', {});
  const doc = await host.call('maps.get', { id: map?.id ?? '' });
  const stage = doc.stages[1];
  await item.getByRole('button', { name: 'Link to a stage…' }).click();
  const picker = item.getByRole('group', { name: /^Link “Lo haré.* to a stage$/ });
  await picker.getByLabel('Map').selectOption({ label: map?.title ?? '' });
  await picker.getByLabel('Stage').selectOption({ label: stage?.name ?? '' });
  await picker.getByRole('button', { name: 'Link' }).click();
  const link = item.getByRole('list', { name: /is evidence for$/ }).getByRole('listitem');
  await expect(link).toHaveText(`${map?.title} › ${stage?.name}×`);
  const after = await host.call('maps.get', { id: map?.id ?? '' });
  expect(after.quoteLinks.filter((l) => l.quoteId === byMouse?.id)).toMatchObject([{ stageId: stage?.id, cardId: null }]);
  expect(after.quotes.map((q) => q.id)).toContain(byMouse?.id);

  // Clicking a highlight selects its quote in the panel.
  await transcript.locator('mark', { hasText: 'Así que' }).click();
  await expect(other).toHaveAttribute('aria-current', 'true');
  await page.screenshot({ path: path.join(SHOTS, 'interviews-transcript.png') });
  await item.screenshot({ path: path.join(SHOTS, 'interviews-quote.png') });
  // The screen with a stage picker and a tag list open passes axe too.
  await other.getByRole('button', { name: 'Link to a stage…' }).click();
  await other.getByRole('combobox', { name: /^Add a tag/ }).fill('new');
  expect(await seriousViolations(page)).toEqual([]);
});

test('another window adds a quote; search shows snippets; delete asks with the quote count and can be undone', async ({ page, sampleHost: host }) => {
  await openInterviews(page, host);
  const maya = (await host.call('interviews.list', {})).find((s) => s.interview.title.startsWith('Maya'));
  const mayaId = maya?.interview.id ?? '';
  await page.getByRole('list', { name: 'Interviews, newest first' }).getByRole('button', { name: /^Maya, first order walkthrough/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Maya, first order walkthrough' })).toBeVisible();
  const before = (await host.call('quotes.list', { interviewId: mayaId })).quotes.length;
  await expect(page.getByRole('heading', { level: 3, name: `Quotes (${before})` })).toBeVisible();

  // Someone else quotes it meanwhile: the panel and the transcript follow.
  const { body } = await host.call('interviews.get', { id: mayaId });
  const at = body.indexOf('My neighbour had it delivered');
  await host.call('quotes.create', { interviewId: mayaId, startOffset: at, endOffset: at + 'My neighbour had it delivered'.length });
  await expect(page.getByRole('heading', { level: 3, name: `Quotes (${before + 1})` })).toBeVisible();
  await expect(quoteItem(page, 'My neighbour had it delivered')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Notes' }).locator('mark', { hasText: 'My neighbour had it delivered' })).toBeVisible();

  // Search: the matched word is highlighted in the snippet.
  await page.getByRole('searchbox', { name: 'Search interviews' }).fill('oat');
  const hits = page.getByRole('list', { name: 'Interviews, newest first' }).getByRole('listitem');
  await expect(hits).toHaveCount(1);
  await expect(hits.locator('mark')).toHaveText('oat');
  await page.getByRole('searchbox', { name: 'Search interviews' }).fill('');

  // Filters: by method, then cleared.
  await page.getByText('Filters').click();
  await page.getByRole('combobox', { name: 'Filter by method' }).selectOption('support chat');
  await expect(hits).toHaveCount(1);
  await expect(hits).toContainText('Support chat: late delivery');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(hits).toHaveCount(2);
  await page.getByRole('list', { name: 'Interviews, newest first' }).getByRole('button', { name: /^Maya, first order walkthrough/ }).click();

  // Taking a quote off a stage can be undone.
  const milk = quoteItem(page, 'they swapped my whole milk');
  const unlink = milk.getByRole('button', { name: /^Unlink from / });
  const linksOf = async () => (await host.call('quotes.list', { interviewId: mayaId })).links.length;
  const links = await linksOf();
  await unlink.click();
  await expect(page.getByRole('status').filter({ hasText: /^Took “they swapped my whole milk.*” off / })).toBeVisible();
  await expect(unlink).toHaveCount(0);
  expect(await linksOf()).toBe(links - 1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(unlink).toHaveCount(1);
  expect(await linksOf()).toBe(links);

  // Edit a field in place.
  const participant = page.getByRole('textbox', { name: 'Participant' });
  await participant.fill('Maya Okafor');
  await participant.press('Enter');
  await expect.poll(async () => (await host.call('interviews.get', { id: mayaId })).interview.participant).toBe('Maya Okafor');

  // Delete: the question says how many quotes go; undo brings all back.
  await page.getByRole('button', { name: 'Delete interview' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this interview?' });
  await expect(confirm).toContainText(`${before + 1} quotes (and their links to maps)`);
  await confirm.getByRole('button', { name: 'Delete interview' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted the interview “Maya, first order walkthrough”' })).toBeVisible();
  expect((await host.call('interviews.list', {})).some((s) => s.interview.id === mayaId)).toBe(false);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Maya, first order walkthrough' })).toBeVisible();
  expect((await host.call('quotes.list', { interviewId: mayaId })).quotes).toHaveLength(before + 1);
});

test('a quote opened from the quote board shows its interview with the quote in view and selected', async ({ page, sampleHost: host }) => {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Quotes' }).click();
  const words = 'they swapped my whole milk for oat milk and nobody asked me';
  await page.getByRole('listbox', { name: 'Quotes found' }).getByRole('option', { name: new RegExp(words) }).dblclick();
  await expect(page.getByRole('heading', { level: 2, name: 'Maya, first order walkthrough' })).toBeVisible();
  const item = quoteItem(page, 'they swapped my whole milk');
  await expect(item).toHaveAttribute('aria-current', 'true');
  const mark = page.getByRole('textbox', { name: 'Notes' }).locator('mark.selected');
  await expect(mark).toHaveText(words);
  await expect(mark).toBeInViewport();
  await page.screenshot({ path: path.join(SHOTS, 'interviews-notes.png') });
});

test('notes typed in Waymark are saved as the body, and words selected in them with the keyboard become a quote', async ({ page, host }) => {
  const created = await host.call('interviews.create', { title: 'Phone call with Sam', participant: 'Sam' });
  const id = created.interviews[0]?.id ?? '';
  await openInterviews(page, host);
  await expect(page.getByText('No notes or transcript yet', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Type notes' }).click();
  const notes = page.getByRole('textbox', { name: 'Notes' });
  await notes.pressSequentially('Sam said the app logged him out twice.');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  expect(await host.call('interviews.get', { id })).toMatchObject({ body: 'Sam said the app logged him out twice.', turns: null, interview: { format: 'notes' } });

  // Shift+← ten times from the end selects "out twice."; the shortcut quotes it.
  for (let i = 0; i < 10; i++) await notes.press('Shift+ArrowLeft');
  await notes.press('Control+Shift+Q');
  await expect(quoteItem(page, 'out twice.')).toBeVisible();
  const { quotes } = await host.call('quotes.list', { interviewId: id });
  expect(quotes).toMatchObject([{ text: 'out twice.', startOffset: 28, endOffset: 38, speaker: '', atSeconds: null }]);
  // No speaker in notes: the quote shows the interview's participant.
  await expect(quoteItem(page, 'out twice.').locator('.quote-meta')).toHaveText('Sam');

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('textbox', { name: 'Notes' }).locator('mark')).toHaveText('out twice.');
});

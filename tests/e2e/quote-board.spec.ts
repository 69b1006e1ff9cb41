/**
 * The quote board as a researcher uses it: quotes made through the contract, found by words as they type
 * (matches marked), a hostile query answered in words, filters, a bulk link and a bulk tag checked against
 * what the workspace stored, the tags panel (rename, merge, delete and undo), and 10,000 quotes scrolled to
 * the end of a virtualized list.
 */
import type { Locator, Page } from '@playwright/test';
import type { OperationInput } from '../../electron/api/contract.ts';
import { expect, test } from './support/fixtures.ts';
import type { Host } from './support/host.ts';

const SAID = [
  { text: 'The delivery fee surprised me at checkout; it was not shown before.', sentiment: -2, tags: ['pricing'] },
  { text: 'I compare prices across three apps before I buy anything.', sentiment: 0, tags: ['pricing'] },
  { text: 'The driver was late and nobody told me why.', sentiment: -2, tags: ['delivery'] },
  { text: 'Substitutes are fine if they ask me first.', sentiment: 1, tags: [] },
  { text: 'A reliable delivery slot matters more than the price.', sentiment: 2, tags: ['delivery', 'pricing'] },
  { text: 'I gave up when the basket emptied itself.', sentiment: -1, tags: [] },
  { text: 'Delivered early, friendly driver, would order again.', sentiment: 2, tags: ['delivery'] },
] as const;

interface Seeded {
  mapId: string;
  stage: { id: string; name: string };
  tagIds: Record<string, string>;
}

async function seed(host: Host): Promise<Seeded> {
  const map = await host.call('maps.create', { title: 'Grocery delivery', template: 'purchase-journey' });
  const stage = map.stages[2];
  if (!stage) throw new Error('the template has no third stage');
  const dana = (await host.call('interviews.create', { title: 'Interview with Dana', participant: 'Dana' })).interviews[0]?.id ?? '';
  const sam = (await host.call('interviews.create', { title: 'Support chat with Sam', participant: 'Sam', method: 'support chat' })).interviews[0]?.id ?? '';
  const tagIds: Record<string, string> = {};
  for (const name of ['pricing', 'delivery', 'Prices']) tagIds[name] = (await host.call('tags.create', { name })).tags[0]?.id ?? '';
  for (const [i, q] of SAID.entries()) {
    await host.call('quotes.create', { interviewId: i % 2 === 0 ? dana : sam, text: q.text, sentiment: q.sentiment, tagIds: q.tags.map((t) => tagIds[t] ?? '') });
  }
  return { mapId: map.maps[0]?.id ?? '', stage: { id: stage.id, name: stage.name }, tagIds };
}

async function openBoard(page: Page, host: Host): Promise<Locator> {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Quotes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Quotes' })).toBeVisible();
  return page.getByRole('listbox', { name: 'Quotes found' });
}

const count = (page: Page) => page.locator('.quote-count');
const total = async (host: Host, input: Omit<OperationInput<'quotes.search'>, 'offset' | 'limit'>) => (await host.call('quotes.search', { ...input, offset: 0, limit: 1 })).total;

test('search as you type marks the matches; a hostile or refused query is answered in words; filters by tag and sentiment', async ({ page, host }) => {
  const { tagIds } = await seed(host);
  const list = await openBoard(page, host);
  await expect(count(page)).toHaveText('7 quotes');
  // Newest first without words.
  await expect(list.getByRole('option').first()).toContainText(SAID[6].text);

  const search = page.getByRole('searchbox', { name: 'Search quotes' });
  await search.fill('deliv'); // a prefix, as typed
  await expect(count(page)).toHaveText(`${await total(host, { query: 'deliv' })} quotes`);
  await expect(count(page)).toHaveText('3 quotes');
  const marks = list.locator('mark');
  await expect(marks).toHaveCount(3);
  for (const mark of await marks.all()) await expect(mark).toHaveText(/^deliver(y|ed)$/i);
  await page.screenshot({ path: 'reports/scratch/quote-board-search.png' });

  // Phrases, OR and -word as a researcher writes them.
  await search.fill('driver -late');
  await expect(count(page)).toHaveText('1 quote');
  await expect(list.getByRole('option')).toContainText(['Delivered early, friendly driver']);
  await search.fill('"delivery slot" OR basket');
  await expect(count(page)).toHaveText('2 quotes');

  // Hostile input is searched for as words: never an error page.
  const NOTHING = 'Nothing to search for: type a word or a number.';
  for (const hostile of ['"unclosed', 'AND OR NOT (', 'NEAR(a b', '*', '-']) {
    await search.fill(hostile);
    const answer = await host.call('quotes.search', { query: hostile, offset: 0, limit: 1 });
    const n = answer.total;
    await expect(count(page)).toHaveText(answer.unsearchable === 'no-words' ? NOTHING : n === 0 ? 'No quotes match.' : `${n} quote${n === 1 ? '' : 's'}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Quotes' })).toBeVisible();
    await expect(page.locator('.quote-search-error')).toHaveCount(0);
  }
  // Punctuation alone, and only words to leave out, say what is missing rather than that nothing matches.
  await search.fill('*');
  await expect(count(page)).toHaveText(NOTHING);
  await search.fill('-late');
  await expect(count(page)).toHaveText('Add a word to look for: words after “-” are only left out of what the others find.');
  await search.fill('driver -late');
  await expect(count(page)).toHaveText('1 quote');
  // A search the workspace refuses says why, inline, and the board stays.
  await page.route('**/api/quotes.search', (route) =>
    route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'Invalid', message: 'The search "x" cannot be read (syntax error). Put words in double quotes to search for them as they are.' } }) }),
  );
  await search.fill('refused');
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be read' })).toBeVisible();
  await expect(list).toBeVisible();
  await page.unroute('**/api/quotes.search');
  await search.fill('');
  await expect(count(page)).toHaveText('7 quotes');
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be read' })).toHaveCount(0);

  // Filters: a tag, then sentiments on top of it.
  const filters = page.getByRole('group', { name: 'Filters' });
  await filters.getByRole('combobox', { name: 'Tag', exact: true }).selectOption({ label: 'pricing' });
  await expect(count(page)).toHaveText(`${await total(host, { tagId: tagIds.pricing })} quotes`);
  await expect(count(page)).toHaveText('3 quotes');
  await filters.getByRole('button', { name: '−2 Very negative' }).click();
  await expect(count(page)).toHaveText('1 quote');
  await expect(list.getByRole('option')).toContainText([SAID[0].text]);
  await filters.getByRole('button', { name: '+2 Very positive' }).click();
  await expect(count(page)).toHaveText(`${await total(host, { tagId: tagIds.pricing, sentiments: [-2, 2] })} quotes`);
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(count(page)).toHaveText('7 quotes');
  await filters.getByRole('checkbox', { name: 'Not on any map' }).check();
  await expect(count(page)).toHaveText('7 quotes');

  // Another client adds a quote: the board follows.
  const interviewId = (await host.call('interviews.list', {}))[0]?.interview.id ?? '';
  await host.call('quotes.create', { interviewId, text: 'Told by someone else, just now.' });
  await expect(count(page)).toHaveText('8 quotes');
});

test('select three quotes, link them to a stage and tag them: the workspace holds the links and the tag', async ({ page, host }) => {
  const { mapId, stage } = await seed(host);
  const list = await openBoard(page, host);
  await expect(count(page)).toHaveText('7 quotes');
  const options = list.getByRole('option');
  await options.nth(0).click();
  await options.nth(2).click({ modifiers: ['Shift'] });
  const bar = page.getByRole('toolbar', { name: 'Selected quotes' });
  await expect(bar).toContainText('3 quotes selected');
  await expect(list.locator('[aria-selected="true"]')).toHaveCount(3);
  const chosen = (await host.call('quotes.search', { offset: 0, limit: 3 })).hits.map((h) => h.quote.id);
  await page.screenshot({ path: 'reports/scratch/quote-board-selection.png' });

  await bar.getByRole('button', { name: 'Link to stage…' }).click();
  const link = page.getByRole('dialog', { name: 'Link 3 quotes to a stage' });
  await link.getByRole('combobox', { name: 'Map' }).selectOption({ label: 'Grocery delivery' });
  await link.getByRole('combobox', { name: 'Stage' }).selectOption({ label: stage.name });
  await link.getByRole('button', { name: 'Link' }).click();
  await expect(link).toBeHidden();
  await expect(bar.getByRole('status')).toHaveText(`Linked 3 quotes to “${stage.name}” on “Grocery delivery”.`);
  const doc = await host.call('maps.get', { id: mapId });
  expect(doc.quoteLinks.filter((l) => l.stageId === stage.id).map((l) => l.quoteId).sort()).toEqual([...chosen].sort());
  await expect(options.nth(0)).toContainText(`On Grocery delivery › ${stage.name}`);

  // Keyboard: the list is focused; Space takes the fourth in, then tag all four with a tag made on the way.
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+Space');
  await expect(bar).toContainText('4 quotes selected');
  await bar.getByRole('button', { name: 'Tag…' }).click();
  const tag = page.getByRole('dialog', { name: 'Tag 4 quotes' });
  await tag.getByRole('textbox', { name: 'New tag' }).fill('onboarding');
  await tag.getByRole('combobox', { name: 'pricing' }).selectOption('remove');
  await tag.getByRole('button', { name: 'Apply' }).click();
  await expect(bar.getByRole('status')).toHaveText('Tagged 4 quotes: added “onboarding” and took off 1 tag.');
  const tags = await host.call('tags.list', {});
  expect(tags.find((t) => t.name === 'onboarding')?.quoteCount).toBe(4);
  const four = (await host.call('quotes.search', { offset: 0, limit: 4 })).hits;
  const pricing = tags.find((t) => t.name === 'pricing')?.id ?? '';
  expect(four.every((h) => !h.quote.tagIds.includes(pricing))).toBe(true);

  // Jump to the active quote's place in its transcript.
  await bar.getByRole('button', { name: /^Open in transcript: “.*”$/ }).click();
  await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Interviews' })).toHaveAttribute('aria-current', 'page');
});

test('the tags panel renames (an existing name says to merge), merges and deletes with undo', async ({ page, host }) => {
  const { tagIds } = await seed(host);
  await openBoard(page, host);
  await page.getByRole('button', { name: 'Tags', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Tags' });
  await expect(panel.getByText('3 quotes')).toHaveCount(2); // pricing and delivery

  await panel.getByRole('button', { name: 'Rename the tag Prices' }).click();
  await panel.getByRole('textbox', { name: 'New name for the tag Prices' }).fill('PRICING');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('alert')).toContainText('There is already a tag "pricing"; merge "Prices" into it instead.');
  await panel.getByRole('textbox', { name: 'New name for the tag Prices' }).fill('Cost');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('status')).toHaveText('Renamed “Prices” to “Cost”.');
  expect((await host.call('tags.list', {})).map((t) => t.name)).toEqual(['Cost', 'delivery', 'pricing']);

  await panel.getByRole('checkbox', { name: 'Select the tag pricing' }).check();
  await panel.getByRole('checkbox', { name: 'Select the tag delivery' }).check();
  await panel.getByRole('combobox', { name: /Merge 2 tags into/ }).selectOption({ label: 'pricing' });
  await panel.getByRole('button', { name: 'Merge' }).click();
  await expect(panel.getByRole('status')).toHaveText('Merged “delivery” into “pricing”.');
  const merged = await host.call('tags.list', {});
  expect(merged.map((t) => [t.name, t.quoteCount])).toEqual([
    ['Cost', 0],
    ['pricing', 5],
  ]);

  await expect(panel.getByRole('listitem').filter({ hasText: 'pricing' })).toContainText('5 quotes');
  await panel.getByRole('button', { name: 'Delete the tag pricing' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete the tag “pricing”?' });
  await expect(confirm).toContainText('It is on 5 quotes');
  await confirm.getByRole('button', { name: 'Delete tag' }).click();
  await expect(panel.getByRole('status')).toContainText('Deleted the tag “pricing”.');
  expect((await host.call('tags.list', {})).map((t) => t.name)).toEqual(['Cost']);
  await panel.getByRole('button', { name: 'Undo' }).click();
  await expect(panel.getByRole('status')).toHaveText('The tag is back, on the same quotes.');
  const back = await host.call('tags.list', {});
  expect(back.find((t) => t.id === tagIds.pricing)?.quoteCount).toBe(5);
  await expect(panel.getByRole('button', { name: 'Show the quotes tagged pricing' })).toBeVisible();
});

test('10,000 quotes: the list holds only the rows in view and scrolls to the last quote', async ({ page, host }) => {
  test.setTimeout(180_000);
  const N = 10_050;
  const interviewId = (await host.call('interviews.create', { title: 'Survey answers', participant: 'Survey' })).interviews[0]?.id ?? '';
  // Seeded over HTTP in waves of concurrent calls (quotes.create is not a batch step).
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < N) {
        const i = next++;
        await host.call('quotes.create', { interviewId, text: `Survey answer number ${i + 1}: the app was slow at step ${i % 7}.` });
      }
    }),
  );
  const list = await openBoard(page, host);
  await expect(count(page)).toHaveText('10,050 quotes');
  const rendered = await list.getByRole('option').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);

  const last = (await host.call('quotes.search', { offset: N - 1, limit: 1 })).hits[0]?.quote.text ?? '';
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const end = list.locator(`[aria-posinset="${N}"]`);
  await expect(end).toHaveText(new RegExp(last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(list.getByRole('option').filter({ hasText: 'loading…' })).toHaveCount(0);
  await expect(end).toBeInViewport();
  expect(await list.getByRole('option').count()).toBeLessThan(60);

  // Back to the top with Home, and to the end with End, by keyboard.
  await list.focus();
  await page.keyboard.press('Home');
  await expect(list.locator('[aria-posinset="1"]')).toBeInViewport();
  await page.keyboard.press('End');
  await expect(end).toBeInViewport();
  await expect(end).toHaveText(new RegExp(last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(list).toHaveAttribute('aria-activedescendant', 'quote-row-10049');
});

import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';

/** Open the app and switch the map screen to the table view (the canvas is the default). */
async function openTable(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
}

test('a new workspace with the sample opens on the sample map', async ({ page, sampleHost }) => {
  await openTable(page, sampleHost.url);
  await expect(page.getByRole('heading', { level: 1, name: 'First online grocery order' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader', { name: /Build the basket/ })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: /Pain points/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Emotion score for Checkout & slot' })).toHaveValue('-2');
  await expect(page.getByRole('list', { name: 'Personas' })).toContainText('Maya Okafor');
});

test('create a map from a template, add a stage and a card, set an emotion, and find them after a reload', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByText('This workspace has no maps yet')).toBeVisible();

  const newMap = page.getByRole('form', { name: 'New map' });
  await newMap.getByRole('textbox', { name: 'Title' }).fill('Renewing home insurance');
  await newMap.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'Purchase journey' });
  await newMap.getByRole('button', { name: 'Create map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Renewing home insurance' })).toBeVisible();
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
  for (const stage of ['Awareness', 'Consideration', 'Purchase', 'Onboarding / Use', 'Loyalty / Advocacy']) {
    await expect(page.getByRole('columnheader', { name: new RegExp(stage) })).toBeVisible();
  }

  await page.getByRole('button', { name: '+ Add stage' }).click();
  await page.getByRole('textbox', { name: 'Name of the new stage' }).fill('Renewal');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('columnheader', { name: /Renewal/ })).toBeVisible();

  await page.getByRole('button', { name: 'Add card to Customer actions in Renewal' }).click();
  await page.getByRole('textbox', { name: 'New card in Customer actions, Renewal' }).fill('Gets the renewal letter and compares prices');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Customer actions in Renewal' })).toContainText('Gets the renewal letter and compares prices');

  await page.getByRole('combobox', { name: 'Emotion score for Renewal' }).selectOption('-1');
  await expect(page.getByRole('status')).toHaveText('All changes saved');

  // The workspace stored it…
  const [summary] = await host.call('maps.list', {});
  expect(summary?.title).toBe('Renewing home insurance');
  const doc = await host.call('maps.get', { id: summary?.id ?? '' });
  const renewal = doc.stages.find((s) => s.name === 'Renewal');
  expect(renewal).toBeDefined();
  expect(doc.stages.at(-1)?.id).toBe(renewal?.id);
  expect(doc.cards.map((c) => c.text)).toEqual(['Gets the renewal letter and compares prices']);
  expect(doc.emotions.find((e) => e.stageId === renewal?.id)?.score).toBe(-1);

  // …and the screen shows it after a reload.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Renewing home insurance' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Customer actions in Renewal' })).toContainText('Gets the renewal letter and compares prices');
  await expect(page.getByRole('combobox', { name: 'Emotion score for Renewal' })).toHaveValue('-1');
});

test('edit and delete cards, rename and reorder stages, delete a lane with confirmation', async ({ page, host }) => {
  const created = await host.call('maps.create', { title: 'Support call', template: 'blank' });
  const laneId = created.lanes.find((l) => l.kind === 'text')?.id ?? '';
  const stageId = created.stages[0]?.id ?? '';
  await host.call('cards.create', { laneId, stageId, text: 'Calls the hotline' });
  await openTable(page, host.url);

  await page.getByRole('button', { name: 'Edit card Calls the hotline' }).click();
  await page.getByRole('textbox', { name: 'Text of card Calls the hotline' }).fill('Calls the hotline twice');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Customer actions in Stage 1' })).toHaveText(/Calls the hotline twice/);

  await page.getByRole('button', { name: 'Rename stage Stage 1' }).click();
  await page.getByRole('textbox', { name: 'Name of stage Stage 1' }).fill('Call');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Move stage Call right' }).click();
  await expect(page.getByRole('columnheader').nth(2)).toContainText('Call');

  let doc = await host.call('maps.get', { id: created.maps[0]?.id ?? '' });
  expect(doc.stages.map((s) => s.name)).toEqual(['Stage 2', 'Call', 'Stage 3']);
  expect(doc.cards[0]?.text).toBe('Calls the hotline twice');

  await page.getByRole('button', { name: 'Delete card Calls the hotline twice' }).click();
  await expect(page.getByRole('button', { name: 'Delete card Calls the hotline twice' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Delete lane Emotion' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete the lane "Emotion"?' });
  await expect(dialog).toContainText('The lane is empty.');
  await dialog.getByRole('button', { name: 'Delete lane' }).click();
  await expect(page.getByRole('rowheader', { name: /Emotion/ })).toHaveCount(0);

  doc = await host.call('maps.get', { id: created.maps[0]?.id ?? '' });
  expect(doc.cards).toEqual([]);
  expect(doc.lanes.map((l) => l.title)).toEqual(['Customer actions']);
});

test('rename and delete a map from the list', async ({ page, host }) => {
  await host.call('maps.create', { title: 'Old name', template: 'blank' });
  await openTable(page, host.url);
  await page.getByRole('button', { name: 'Rename map Old name' }).click();
  await page.getByRole('textbox', { name: 'Title of map Old name' }).fill('New name');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'New name' })).toBeVisible();

  await page.getByRole('button', { name: 'Delete map New name' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete map' }).click();
  await expect(page.getByText('This workspace has no maps yet')).toBeVisible();
  expect(await host.call('maps.list', {})).toEqual([]);
});

test("other clients' changes appear at once; the workspace's refusal reaches the screen as a message a person understands", async ({ page, host }) => {
  const created = await host.call('maps.create', { title: 'Shared map', template: 'blank' });
  const laneId = created.lanes[0]?.id ?? '';
  const stageId = created.stages[0]?.id ?? '';
  const card = (await host.call('cards.create', { laneId, stageId, text: 'Someone else deletes me' })).cards[0];
  await openTable(page, host.url);
  await expect(page.getByRole('list', { name: 'Customer actions in Stage 1' })).toContainText('Someone else deletes me');

  // Another client deletes the card: this window hears of it at once and shows the map as it is now.
  await host.call('cards.delete', { id: card?.id ?? '' });
  await expect(page.getByText('Someone else deletes me')).toHaveCount(0);

  // A stage name that is only spaces is refused by the workspace, and nothing changes.
  await page.getByRole('button', { name: 'Rename stage Stage 2' }).click();
  await page.getByRole('textbox', { name: 'Name of stage Stage 2' }).fill('   ');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Not saved: name must not be empty');
  await expect(page.getByRole('columnheader', { name: /Stage 2/ })).toBeVisible();
  const doc = await host.call('maps.get', { id: created.maps[0]?.id ?? '' });
  expect(doc.stages.map((s) => s.name)).toEqual(['Stage 1', 'Stage 2', 'Stage 3']);
});

test('the shortcut sheet opens with ? and from its button, and closes with Escape', async ({ page, sampleHost }) => {
  await page.goto(sampleHost.url);
  await expect(page.getByRole('application', { name: /Journey map canvas/ })).toBeVisible();
  await page.getByRole('application').focus();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Add a card');
  await expect(sheet).toContainText('Undo');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toBeHidden();
});

test('two windows on one workspace stay in step, and each undoes only its own steps', async ({ page, host, browser }) => {
  const created = await host.call('maps.create', { title: 'Workshop', template: 'blank' });
  const mapId = created.maps[0]?.id ?? '';
  await openTable(page, host.url);
  const other = await browser.newPage();
  try {
    await openTable(other, host.url);
    // Ann adds a card in the first window; Bo sees it in the second without reloading.
    await page.getByRole('button', { name: 'Add card to Customer actions in Stage 1' }).click();
    await page.getByRole('textbox', { name: 'New card in Customer actions, Stage 1' }).fill('From Ann');
    await page.keyboard.press('Enter');
    await expect(other.getByRole('list', { name: 'Customer actions in Stage 1' })).toContainText('From Ann');
    // Bo renames a stage; Ann sees it.
    await other.getByRole('button', { name: 'Rename stage Stage 2' }).click();
    await other.getByRole('textbox', { name: 'Name of stage Stage 2' }).fill('Checkout');
    await other.keyboard.press('Enter');
    await expect(page.getByRole('columnheader', { name: /Checkout/ })).toBeVisible();
    // Ann's undo takes back her card, not Bo's rename; Bo sees that too.
    await page.getByRole('button', { name: /Undo/ }).click();
    await expect(other.getByText('From Ann')).toHaveCount(0);
    await expect(page.getByRole('columnheader', { name: /Checkout/ })).toBeVisible();
    const doc = await host.call('maps.get', { id: mapId });
    expect(doc.cards).toEqual([]);
    expect(doc.stages.map((s) => s.name)).toEqual(['Stage 1', 'Checkout', 'Stage 3']);
  } finally {
    await other.close();
  }
});

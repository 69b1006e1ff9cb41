/**
 * Personas (issue 11): made and edited on the Personas screen, given a picture from files other programs
 * wrote (scaled to 512 px, its type kept; broken, foreign and oversized files refused with nothing stored),
 * put on a map's header and taken off again through the map's undo, and deleted after a question that names
 * the map, with Undo. Checked against what the workspace stored, through the contract.
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import type { Host } from './support/host.ts';

const IMAGES = path.join(import.meta.dirname, '../fixtures/images');
/** Screenshots to look at (git-ignored); the README's copies in resources/screenshots/ are chosen from them. */
const SHOTS = path.join(import.meta.dirname, '../../reports/scratch');
const fixture = (name: string) => fs.readFileSync(path.join(IMAGES, name));

const personaNamed = async (host: Host, name: string) => {
  const found = (await host.call('personas.list', {})).find((p) => p.name === name);
  if (!found) throw new Error(`no persona named ${name}`);
  return found;
};

async function openPersonas(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Personas' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Personas' })).toBeVisible();
}

test('a persona made with a picture, refused files changing nothing, put on the map and undone, then deleted after naming its map, and undone', async ({ page, sampleHost: host }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  const [sampleMap] = await host.call('maps.list', {});
  const maya = await personaNamed(host, 'Maya Okafor');
  await openPersonas(page);
  const list = page.getByRole('list', { name: 'All personas' });
  await expect(list.getByRole('button', { name: /Maya Okafor/ })).toBeVisible();

  // Make one: a name is enough; a blank one is refused where it was typed.
  const form = page.getByRole('form', { name: 'New persona' });
  await form.getByRole('button', { name: 'Add persona' }).click();
  await expect(form.getByRole('alert')).toHaveText('Give the new persona a name.');
  await form.getByRole('textbox', { name: 'New persona’s name' }).fill('Ann Osei');
  await form.getByRole('textbox', { name: 'New persona’s name' }).press('Enter');
  const editor = page.getByRole('article', { name: 'Ann Osei' });
  await expect(editor).toBeVisible();
  const ann = await personaNamed(host, 'Ann Osei');
  expect(ann).toMatchObject({ role: '', color: null });

  // Each field saves on Enter or when it loses focus, named by its label.
  await editor.getByRole('textbox', { name: 'Role' }).fill('Night-shift nurse');
  await editor.getByRole('textbox', { name: 'Role' }).press('Enter');
  await editor.getByRole('textbox', { name: 'Goals' }).fill('Groceries without a trip after a shift');
  await editor.getByRole('textbox', { name: 'Frustrations' }).click(); // leaving Goals saves it
  await editor.getByRole('button', { name: 'Colour: Teal' }).click();
  await expect.poll(async () => personaNamed(host, 'Ann Osei')).toMatchObject({ role: 'Night-shift nurse', goals: 'Groceries without a trip after a shift', color: '#1b8a7a' });
  await expect(list.getByRole('button', { name: /Ann Osei/ })).toContainText('Night-shift nurse');
  // A blank name is refused and the stored one kept.
  await editor.getByRole('textbox', { name: 'Name' }).fill('  ');
  await editor.getByRole('textbox', { name: 'Name' }).press('Enter');
  const notice = page.locator('.notice').filter({ hasText: 'A persona needs a name; the name it had is kept.' });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(editor.getByRole('textbox', { name: 'Name' })).toHaveValue('Ann Osei');
  expect((await personaNamed(host, 'Ann Osei')).name).toBe('Ann Osei');

  // A picture larger than 512 px is scaled down, keeping its shape and its type.
  const file = editor.getByLabel(/^(Choose|Replace) picture…$/);
  await file.setInputFiles(path.join(IMAGES, 'chromium-600x400.png'));
  await expect(editor.getByRole('status').filter({ hasText: 'Picture' })).toHaveText('Picture saved (512 × 341 px).');
  let stored = (await host.call('personas.image', { id: ann.id })).image;
  expect(stored).toMatchObject({ type: 'image/png', width: 512, height: 341 });
  expect(stored?.width).toBeLessThanOrEqual(512);
  const png = stored?.data;
  await expect(list.getByRole('button', { name: /Ann Osei/ }).locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);

  // Broken, foreign and oversized files are refused in words, and the stored picture stays as it was.
  const refusals: { name: string; mimeType: string; buffer: Buffer; says: RegExp }[] = [
    { name: 'cut-short.png', mimeType: 'image/png', buffer: fixture('chromium-600x400.png').subarray(0, 200), says: /“cut-short\.png” is not a picture Waymark can read/ },
    { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('Interview notes, not a picture.\n'), says: /“notes\.png” is not a PNG, JPEG or WebP picture/ },
    { name: 'portrait.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), says: /“portrait\.gif” is not a PNG, JPEG or WebP picture/ },
    { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.concat([fixture('chromium-600x400.png'), Buffer.alloc(10 * 1024 * 1024)]), says: /“huge\.png” is 10\.\d MB; a persona's picture can be at most 10 MB/ },
  ];
  for (const r of refusals) {
    await file.setInputFiles({ name: r.name, mimeType: r.mimeType, buffer: r.buffer });
    await expect(editor.getByRole('alert')).toHaveText(r.says);
    expect((await host.call('personas.image', { id: ann.id })).image?.data, r.name).toBe(png);
  }

  // JPEG stays JPEG (a tall one: its long side comes down), WebP stays WebP; a small one is not enlarged.
  await file.setInputFiles(path.join(IMAGES, 'chromium-30x513.jpg'));
  await expect(editor.getByRole('status').filter({ hasText: 'Picture' })).toHaveText('Picture saved (30 × 512 px).');
  expect((await host.call('personas.image', { id: ann.id })).image).toMatchObject({ type: 'image/jpeg', width: 30, height: 512 });
  await file.setInputFiles(path.join(IMAGES, 'cwebp-40x30-lossless.webp'));
  await expect(editor.getByRole('status').filter({ hasText: 'Picture' })).toHaveText('Picture saved (40 × 30 px).');
  expect((await host.call('personas.image', { id: ann.id })).image).toMatchObject({ type: 'image/webp', width: 40, height: 30 });
  await file.setInputFiles(path.join(IMAGES, 'cwebp-600x400-lossy.webp'));
  await expect(editor.getByRole('status').filter({ hasText: 'Picture' })).toHaveText('Picture saved (512 × 341 px).');
  stored = (await host.call('personas.image', { id: ann.id })).image;
  expect(stored).toMatchObject({ type: 'image/webp', width: 512, height: 341 });
  await editor.getByRole('textbox', { name: 'Quote' }).fill('I shop at 3 am, when the house is asleep.');
  await editor.getByRole('textbox', { name: 'Quote' }).blur();
  await expect.poll(async () => (await personaNamed(host, 'Ann Osei')).quote).toBe('I shop at 3 am, when the house is asleep.');
  await page.screenshot({ path: path.join(SHOTS, 'personas-screen.png') });

  // On the map: Maya is there; add Ann from the header, move her first, and undo both.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Map' }).click();
  const header = page.locator('header.map-header');
  const chips = header.getByRole('list', { name: 'Personas' });
  await expect(chips.getByRole('button', { name: /^Maya Okafor/ })).toBeVisible();
  await header.getByRole('combobox', { name: 'Add persona' }).selectOption({ label: 'Ann Osei · Night-shift nurse' });
  await expect(chips.getByRole('button', { name: /^Ann Osei/ })).toBeVisible();
  await expect.poll(async () => (await host.call('maps.get', { id: sampleMap?.id ?? '' })).map.personaIds).toEqual([maya.id, ann.id]);
  await expect(chips.getByRole('listitem').filter({ hasText: 'Ann Osei' }).locator('img')).toHaveAttribute('src', /^data:image\/webp;base64,/);
  await chips.getByRole('listitem').filter({ hasText: 'Ann Osei' }).hover();
  await chips.getByRole('button', { name: 'Move Ann Osei left' }).click();
  await expect.poll(async () => (await host.call('maps.get', { id: sampleMap?.id ?? '' })).map.personaIds).toEqual([ann.id, maya.id]);
  await expect(chips.getByRole('listitem').first()).toContainText('Ann Osei');
  await page.mouse.move(0, 0);
  await header.screenshot({ path: path.join(SHOTS, 'map-header-personas.png') });

  const history = page.getByRole('group', { name: 'History' });
  await history.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await host.call('maps.get', { id: sampleMap?.id ?? '' })).map.personaIds).toEqual([maya.id, ann.id]);
  await history.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await host.call('maps.get', { id: sampleMap?.id ?? '' })).map.personaIds).toEqual([maya.id]);
  await expect(chips.getByRole('button', { name: /^Ann Osei/ })).toHaveCount(0);
  await history.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(async () => (await host.call('maps.get', { id: sampleMap?.id ?? '' })).map.personaIds).toEqual([maya.id, ann.id]);

  // A chip's name opens the persona on the Personas screen; deleting it names the map it is on.
  await chips.getByRole('button', { name: /^Ann Osei/ }).click();
  await expect(page.getByRole('article', { name: 'Ann Osei' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete persona…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete the persona “Ann Osei”?' });
  await expect(confirm).toContainText(`It is on the map “${sampleMap?.title ?? ''}”`);
  await expect(confirm).toContainText('You can undo the delete.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect((await host.call('personas.list', {})).map((p) => p.name)).toContain('Ann Osei');
  await page.getByRole('button', { name: 'Delete persona…' }).click();
  await confirm.getByRole('button', { name: 'Delete persona' }).click();
  await expect(list.getByRole('button', { name: /Ann Osei/ })).toHaveCount(0);
  expect((await host.call('personas.list', {})).map((p) => p.name)).toEqual(['Maya Okafor']);
  expect((await host.call('maps.get', { id: sampleMap?.id ?? '' })).map.personaIds).toEqual([maya.id]);

  // Undo brings her back as she was: on the map, with her picture.
  const undo = page.getByRole('status').filter({ hasText: 'Deleted “Ann Osei”.' });
  await undo.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('article', { name: 'Ann Osei' })).toBeVisible();
  expect((await host.call('maps.get', { id: sampleMap?.id ?? '' })).map.personaIds).toEqual([maya.id, ann.id]);
  expect((await host.call('personas.image', { id: ann.id })).image).toEqual(stored);
  await expect(list.getByRole('button', { name: /Ann Osei/ }).locator('img')).toHaveAttribute('src', /^data:image\/webp;base64,/);
});

test('the list follows personas changed elsewhere, and the picture can be dropped and removed', async ({ page, sampleHost: host }) => {
  await page.goto(host.url);
  await openPersonas(page);
  const list = page.getByRole('list', { name: 'All personas' });
  // Another window makes, renames and deletes personas: this one follows.
  await host.call('personas.create', { id: 'p-bo', name: 'Bo Lind', role: 'Student' });
  await expect(list.getByRole('button', { name: /Bo Lind/ })).toContainText('Student');
  await host.call('personas.update', { id: 'p-bo', name: 'Bo Lindqvist' });
  await expect(list.getByRole('button', { name: /Bo Lindqvist/ })).toBeVisible();
  await list.getByRole('button', { name: /Bo Lindqvist/ }).click();
  const editor = page.getByRole('article', { name: 'Bo Lindqvist' });
  await expect(editor.getByRole('textbox', { name: 'Role' })).toHaveValue('Student');
  // Any colour, from the colour input; a swatch after it.
  await editor.getByLabel('Any colour').fill('#123abc');
  await expect.poll(async () => (await personaNamed(host, 'Bo Lindqvist')).color).toBe('#123abc');
  await editor.getByRole('button', { name: 'Colour: No colour' }).click();
  await expect.poll(async () => (await personaNamed(host, 'Bo Lindqvist')).color).toBeNull();
  await expect(editor.getByRole('button', { name: 'Colour: No colour' })).toHaveAttribute('aria-pressed', 'true');

  // Drop a picture on the picture.
  const data = fixture('chromium-40x30.jpg').toString('base64');
  const drop = editor.locator('.persona-picture-drop');
  const transfer = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'dropped.jpg', { type: 'image/jpeg' }));
    return dt;
  }, data);
  await drop.dispatchEvent('dragover', { dataTransfer: transfer });
  await drop.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(editor.getByRole('status').filter({ hasText: 'Picture' })).toHaveText('Picture saved (40 × 30 px).');
  expect((await host.call('personas.image', { id: 'p-bo' })).image).toMatchObject({ type: 'image/jpeg', width: 40, height: 30 });
  await editor.getByRole('button', { name: 'Remove picture' }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'Picture' })).toHaveText('Picture removed.');
  expect((await host.call('personas.image', { id: 'p-bo' })).image).toBeNull();
  await expect(editor.getByRole('button', { name: 'Remove picture' })).toHaveCount(0);

  await host.call('personas.delete', { id: 'p-bo' });
  await expect(list.getByRole('button', { name: /Bo Lindqvist/ })).toHaveCount(0);
  await expect(page.getByRole('article', { name: 'Maya Okafor' })).toBeVisible();
});

test('the Personas screen and its delete question have no serious accessibility violations', async ({ page, sampleHost: host }) => {
  const serious = async () =>
    // The screen itself (the top bar is App's, checked by accessibility.spec.ts).
    (await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  await host.call('personas.create', { name: 'Bo Lindqvist', role: 'Student', color: '#e0b000' });
  await page.goto(host.url);
  await expect(page.getByRole('list', { name: 'Personas' }).getByRole('button', { name: /^Maya Okafor/ })).toBeVisible();
  expect(await serious()).toEqual([]);
  await openPersonas(page);
  await expect(page.getByRole('article', { name: 'Bo Lindqvist' })).toBeVisible();
  expect(await serious()).toEqual([]);
  await page.getByRole('button', { name: 'Delete persona…' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete the persona “Bo Lindqvist”?' })).toContainText('No map or interview uses it.');
  expect(await serious()).toEqual([]);
});

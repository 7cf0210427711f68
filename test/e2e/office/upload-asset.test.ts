import type { Mutation } from '@shared/sync';
import { samplePng } from '@main/ops/sample-files';
import { expect, expectSynced, go, test } from './office-fixture';

test('upload an image for a student and find it by type and by user', async ({ staffPage: page }) => {
  test.setTimeout(180_000);
  await expectSynced(page);
  await go(page, '#/assets');
  await page.getByTestId('file-picker').setInputFiles({ name: 'cessna-walkaround.png', mimeType: 'image/png', buffer: Buffer.from(samplePng('portrait', 64, 48, 200)) });
  const upload = page.getByRole('region', { name: 'Upload' });
  await expect(upload).toContainText('cessna-walkaround.png');
  await expect(upload).toContainText('image · image/png');
  await upload.getByRole('textbox', { name: 'For user' }).or(upload.getByRole('combobox', { name: 'For user' })).click();
  await page.getByRole('option', { name: 'Alice Ng' }).click();
  await upload.getByRole('button', { name: 'Upload 1' }).click();
  await expect(page.getByTestId('upload-job').first()).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  // Main wrote the asset item and poked: sync brings it into the grid.
  const card = page.getByTestId('asset-card').filter({ hasText: 'cessna-walkaround.png' });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await page.getByRole('textbox', { name: 'Type' }).or(page.getByRole('combobox', { name: 'Type' })).click();
  await page.getByRole('option', { name: 'video' }).click();
  await expect(card).toBeHidden();
  await page.getByRole('textbox', { name: 'Type' }).or(page.getByRole('combobox', { name: 'Type' })).click();
  await page.getByRole('option', { name: 'image' }).click();
  await expect(card).toBeVisible();
  await card.click();
  const details = page.getByRole('region', { name: 'Asset details' });
  await expect(details).toContainText('Alice Ng');
  await expect(details).toContainText('Metadata: width');
  await page.screenshot({ path: test.info().outputPath('assets.png'), fullPage: true });
});

test('upload for the right one of two users with the same name, then move the file to the other', async ({ staffPage: page, backend }) => {
  test.setTimeout(120_000);
  const namesake = { userId: 'u-alice-2', email: 'alice.ng@pilotforce.test', name: 'Alice Ng', role: 'instructor', createdAt: '2026-03-01T09:00:00.000Z' };
  const mutation = { clientId: 'e2e-namesake-seed', seq: 1, entity: 'users', key: namesake.userId, kind: 'create', updatedBy: 'Seed', item: namesake } as Mutation;
  const { outcomes } = await backend.services.handlers['sync.push']({ mutations: [mutation] }, { transport: 'web' });
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['applied']);
  await page.getByRole('button', { name: 'Sync now' }).first().click();
  await go(page, '#/assets');
  await page.getByTestId('file-picker').setInputFiles({ name: 'instructor-rating.png', mimeType: 'image/png', buffer: Buffer.from(samplePng('portrait', 40, 30, 120)) });
  const upload = page.getByRole('region', { name: 'Upload' });
  await upload.getByRole('textbox', { name: 'For user' }).or(upload.getByRole('combobox', { name: 'For user' })).click();
  await expect(page.getByRole('option', { name: /^Alice Ng · / })).toHaveCount(2);
  await page.getByRole('option', { name: 'Alice Ng · alice.ng@pilotforce.test · Instructor' }).click();
  await upload.getByRole('button', { name: 'Upload 1' }).click();
  const card = page.getByTestId('asset-card').filter({ hasText: 'instructor-rating.png' });
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(card).toContainText('Alice Ng (alice.ng@pilotforce.test)');
  await card.click();
  const details = page.getByRole('region', { name: 'Asset details' });
  await expect(details).toContainText('Alice Ng · alice.ng@pilotforce.test · Instructor');

  const move = details.getByRole('region', { name: 'Move to another person' });
  await move.getByRole('textbox', { name: 'Move to another person' }).or(move.getByRole('combobox', { name: 'Move to another person' })).click();
  await page.getByRole('option', { name: 'Alice Ng · alice@pilotforce.test · Student' }).click();
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(details).toContainText('Alice Ng · alice@pilotforce.test · Student');
  await expectSynced(page);
  const assetId = decodeURIComponent((await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).replace('#/assets/', ''));
  expect(await backend.serverItem('assets', assetId)).toMatchObject({ userId: 'u-alice', updatedBy: 'Sam Staff', s3Key: expect.stringContaining('u-alice-2') });
  await page.screenshot({ path: test.info().outputPath('asset-moved.png'), fullPage: true });
});

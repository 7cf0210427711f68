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

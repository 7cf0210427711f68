import { deflateSync } from 'node:zlib';
import { expect, expectSynced, go, test } from './office-fixture';

/** A real PNG (solid colour, w x h), so main's type sniffing and image size see an image. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x4f)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

test('upload an image for a student and find it by type and by user', async ({ staffPage: page }) => {
  test.setTimeout(180_000);
  await expectSynced(page);
  await go(page, '#/assets');
  await page.getByTestId('file-picker').setInputFiles({ name: 'cessna-walkaround.png', mimeType: 'image/png', buffer: png(64, 48) });
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
  await expect(details).toContainText('metadata.width');
  await page.screenshot({ path: test.info().outputPath('assets.png'), fullPage: true });
});

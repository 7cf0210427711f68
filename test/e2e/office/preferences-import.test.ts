import { expect, expectSynced, go, SAMPLE_DATE, test } from './office-fixture';

test('edit a user\'s preferences (the seed\'s "update preferences") and see them synced', async ({ staffPage: page, backend }) => {
  await go(page, '#/users/u-alice');
  const preferences = page.getByRole('group', { name: 'Preferences' });
  await preferences.getByText('Dark', { exact: true }).click();
  // The switch shows the stored value: it turns on once the local write lands.
  const notifications = preferences.getByRole('switch', { name: 'Notifications' });
  await notifications.click({ force: true });
  await expect(notifications).toBeChecked();
  await expectSynced(page);
  await expect.poll(async () => (await backend.serverItem('users', 'u-alice'))?.preferences).toEqual({ theme: 'dark', notifications: true });
  expect(await backend.serverItem('users', 'u-alice')).toMatchObject({ updatedBy: 'Sam Staff', name: 'Alice Ng' });

  // The working staff member's own theme follows their preferences.
  await go(page, '#/users/u-sam');
  await page.getByRole('group', { name: 'Preferences' }).getByText('Dark', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.screenshot({ path: test.info().outputPath('users-dark.png'), fullPage: true });
});

test('import a bookings CSV naming students by email, with a bad row: every error shown at once, the report kept after the import', async ({ staffPage: page, backend }) => {
  const csv = [
    'bookingId,userEmail,serviceType,bookingDate,bookingTime,status,duration,location,notes',
    `csv-1,BOB@pilotforce.test,checkride,${SAMPLE_DATE},15:00,pending,60,North Field,Imported one`,
    `csv-2,nobody@pilotforce.test,checkride,2026-02-30,25:00,pending,abc,North Field,Bad date and time`,
    `csv-3,bob@pilotforce.test,ground_school,${SAMPLE_DATE},18:00,confirmed,45,Classroom 2,Imported two`,
  ].join('\n');
  await go(page, '#/import');
  await page.getByLabel('Or paste CSV text').fill(csv);
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('3 rows, 2 valid, 1 with errors');
  const bad = page.locator('[data-testid="import-row"][data-valid="false"]');
  await expect(bad).toHaveCount(1);
  await expect(bad).toContainText('Booking date must be a date like 2026-12-03');
  await expect(bad).toContainText('Time must be a time like 09:30');
  await expect(bad).toContainText('Duration must be whole minutes');
  await expect(bad).toContainText('No user with the email nobody@pilotforce.test');
  await page.screenshot({ path: test.info().outputPath('import-preview.png'), fullPage: true });
  expect(await backend.serverItem('bookings', 'csv-1')).toBeUndefined();

  await preview.getByRole('button', { name: 'Import 2 valid rows' }).click();
  await expect(page.getByText('2 bookings imported')).toBeVisible();
  const leftOut = page.getByRole('status').filter({ hasText: '1 row was not imported' });
  await expect(leftOut).toBeVisible();
  const download = page.waitForEvent('download');
  await leftOut.getByRole('button', { name: 'Download the error report' }).click();
  const report = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(report, 'utf8')).toContain('nobody@pilotforce.test,checkride,2026-02-30,25:00');
  await expectSynced(page);
  await expect.poll(() => backend.serverItem('bookings', 'csv-3'), { timeout: 20_000 }).toBeDefined();
  expect(await backend.serverItem('bookings', 'csv-1')).toMatchObject({ userId: 'u-bob', bookingTime: '15:00', details: { notes: 'Imported one', duration: 60 }, updatedBy: 'Sam Staff' });
  expect(await backend.serverItem('bookings', 'csv-3')).toMatchObject({ userId: 'u-bob', status: 'confirmed' });
  expect(await backend.serverItem('bookings', 'csv-2')).toBeUndefined();
});

test('screenshots of each main screen', async ({ staffPage: page }) => {
  await expectSynced(page);
  for (const [hash, name] of [
    [`#/schedule/${SAMPLE_DATE}`, 'schedule'],
    ['#/bookings/bk-a1', 'bookings'],
    ['#/users/u-alice', 'users'],
    ['#/assets', 'assets'],
    ['#/sync', 'sync'],
    ['#/settings', 'settings'],
    ['#/import', 'import'],
  ] as const) {
    await go(page, hash);
    await expect(page.getByRole('link', { name: new RegExp(`^${name}`, 'i') })).toHaveAttribute('aria-current', 'page');
    await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  }
  // The schedule places the day's bookings in their aircraft lanes.
  await go(page, `#/schedule/${SAMPLE_DATE}`);
  await expect(page.getByRole('region', { name: 'Aircraft C-GABC' }).getByTestId('schedule-booking')).toContainText(['09:00 Alice Ng']);
  await expect(page.getByRole('region', { name: 'Aircraft C-GXYZ' }).getByTestId('schedule-booking')).toContainText(['11:00 Bob Roy']);
});

import { expect, go, SAMPLE_DATE, test } from './office-fixture';

test('find a student\'s bookings on a date, from the local index', async ({ staffPage: page }) => {
  await go(page, '#/users');
  await page.getByRole('textbox', { name: 'Search users' }).fill('alice');
  await page.getByRole('link', { name: /Alice Ng/ }).click();
  const rows = page.getByTestId('user-booking-row');
  await expect(rows).toHaveCount(3);
  await page.getByLabel('On date').fill(SAMPLE_DATE);
  await expect(rows).toHaveCount(2);
  // The sample's dates are past: under "Past", newest first (upcoming ones would come first, soonest first).
  const past = page.getByRole('region', { name: 'Past bookings of Alice Ng' });
  await expect(past.getByTestId('user-booking-row')).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('14:00');
  await expect(rows.nth(1)).toContainText('09:00');
  await page.screenshot({ path: test.info().outputPath('user-page.png'), fullPage: true });

  // The same answer from the Bookings list's search and filters.
  await go(page, '#/bookings');
  await page.getByRole('textbox', { name: 'Search bookings' }).fill('alice');
  await expect(page.getByTestId('match-count')).toHaveText('3 bookings');
  await page.getByLabel('From').fill(SAMPLE_DATE);
  await page.getByLabel('To').fill(SAMPLE_DATE);
  await expect(page.getByTestId('match-count')).toHaveText('2 bookings');
});

import { SCHOOL_SETTINGS_ID } from '@shared/models';
import { expect, expectSynced, go, openAsStaff, test } from './office-fixture';

test("two desks share the school's time zone and opening hours set on one of them", async ({ browser, backend }) => {
  test.setTimeout(180_000);
  const desks = await Promise.all([browser.newContext(), browser.newContext()]);
  const [adminDesk, frontDesk] = await Promise.all(desks.map((context) => context.newPage()));
  await openAsStaff(adminDesk!, backend, 'Ada Admin');
  await openAsStaff(frontDesk!, backend);
  for (const page of [adminDesk!, frontDesk!]) await expectSynced(page);

  // The admin sets the school's zone and Monday's closing time on the Settings screen.
  await go(adminDesk!, '#/settings');
  const settings = adminDesk!.getByRole('region', { name: 'School settings' });
  const zone = settings.getByRole('combobox', { name: /^Time zone/ });
  await zone.click();
  await zone.fill('Asia/Tok');
  await adminDesk!.getByRole('option', { name: 'Asia/Tokyo' }).click();
  await settings.getByRole('textbox', { name: 'monday closes' }).fill('16:30');
  await settings.getByRole('button', { name: 'Save school settings' }).click();
  await expect(settings.getByRole('status')).toContainText('every desk gets it at its next sync');
  await expectSynced(adminDesk!);
  await expect
    .poll(() => backend.serverItem('resources', SCHOOL_SETTINGS_ID), { timeout: 60_000 })
    .toMatchObject({ timeZone: 'Asia/Tokyo', openingHours: { monday: { open: '08:00', close: '16:30' } }, updatedBy: 'Ada Admin' });

  // The front desk gets them at its next sync, shows them read-only, and labels times in the school's zone.
  await go(frontDesk!, '#/settings');
  await frontDesk!.getByTestId('sync-indicator').getByRole('button', { name: 'Sync now' }).click();
  const shared = frontDesk!.getByRole('region', { name: 'School settings' });
  await expect(shared.getByRole('combobox', { name: /^Time zone/ })).toHaveValue('Asia/Tokyo', { timeout: 60_000 });
  await expect(shared.getByRole('textbox', { name: 'monday closes' })).toHaveValue('16:30');
  await expect(shared).toContainText('Only an admin can change them.');
  await expect(shared).toContainText('in Asia/Tokyo');
  await expect(shared.getByRole('button', { name: 'Save school settings' })).toBeDisabled();
  await frontDesk!.screenshot({ path: test.info().outputPath('school-settings-front-desk.png'), fullPage: true });
  await Promise.all(desks.map((context) => context.close()));
});

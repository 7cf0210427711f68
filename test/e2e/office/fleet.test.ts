import type { Mutation } from '@shared/sync';
import { aBooking } from '@test/support/builders';
import { expect, expectSynced, go, openAsStaff, test } from './office-fixture';

test('an aircraft added from the bookings’ free text and grounded on one desk flags its booking on the other desk’s schedule', async ({ browser, backend }) => {
  test.setTimeout(180_000);
  // A lesson two days ahead on C-GXYZ, an aircraft the bookings name but the register does not hold yet.
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const lesson = aBooking({ bookingId: 'bk-fleet-1', userId: 'u-bob', serviceType: 'pilot_training', bookingDate: day, bookingTime: '10:00', status: 'confirmed', details: { duration: 60, aircraft: 'c-gxyz' }, createdAt: new Date().toISOString() });
  const create = { clientId: 'e2e-fleet-seed', seq: 1, entity: 'bookings', key: lesson.bookingId, kind: 'create', updatedBy: 'Seed', item: lesson } as Mutation;
  const { outcomes } = await backend.services.handlers['sync.push']({ mutations: [create] }, { transport: 'web' });
  expect(outcomes[0]?.status).toBe('applied');

  const desks = await Promise.all([browser.newContext(), browser.newContext()]);
  const [office, hangar] = await Promise.all(desks.map((context) => context.newPage()));
  await openAsStaff(office!, backend, 'Ada Admin');
  await openAsStaff(hangar!, backend);
  for (const page of [office!, hangar!]) await expectSynced(page);

  // The office adds C-GXYZ from the list of aircraft the register lacks, then grounds it.
  await go(office!, '#/fleet');
  const unmatched = office!.getByRole('region', { name: 'Aircraft not in the register' });
  await expect(unmatched.getByTestId('unmatched-aircraft').filter({ hasText: 'C-GXYZ' })).toContainText('“C-GXYZ”');
  await unmatched.getByRole('button', { name: 'Add C-GXYZ to the register' }).click();
  const form = office!.getByRole('form', { name: 'New aircraft' });
  await form.getByLabel('Type').fill('C172');
  await form.getByRole('button', { name: 'Add to the register' }).click();
  const panel = office!.getByRole('region', { name: 'Aircraft C-GXYZ' });
  await panel.getByLabel('Reason').fill('Magneto check');
  await panel.getByRole('button', { name: 'Ground' }).click();
  await expect(panel.getByTestId('grounded-booking').filter({ hasText: 'Bob Roy' })).toContainText(`${day} 10:00`);
  await expectSynced(office!);
  await expect.poll(() => backend.serverItem('resources', 'aircraft#C-GXYZ'), { timeout: 60_000 }).toMatchObject({ grounding: { reason: 'Magneto check', by: 'Ada Admin' } });
  await office!.screenshot({ path: test.info().outputPath('fleet-grounded.png'), fullPage: true });

  // The hangar desk's schedule marks Bob's lesson once it has synced, with the reason.
  await go(hangar!, `#/schedule/${day}`);
  await hangar!.getByTestId('sync-indicator').getByRole('button', { name: 'Sync now' }).click();
  const booking = hangar!.getByTestId('schedule-booking').filter({ hasText: 'Bob Roy' });
  await expect(booking).toHaveAttribute('data-grounded', 'true', { timeout: 60_000 });
  await expect(booking).toContainText('🛠');
  await expect(hangar!.getByRole('region', { name: 'Aircraft C-GXYZ' })).toBeVisible();
  await hangar!.screenshot({ path: test.info().outputPath('fleet-schedule-other-desk.png'), fullPage: true });
  await Promise.all(desks.map((context) => context.close()));
});

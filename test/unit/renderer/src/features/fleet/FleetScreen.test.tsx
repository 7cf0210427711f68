import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createItem, PilotForceDbContext, writeMeta, type PilotForceDb } from '@renderer/db';
import { MirrorsProvider } from '@renderer/common/data';
import { SessionProvider } from '@renderer/common/session';
import { FleetScreen } from '@renderer/features/fleet/FleetScreen';
import { aBooking, aUser } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { renderWithMantine } from '@test/unit/renderer/support/render';

let db: PilotForceDb;
afterEach(() => db?.close());

/** A desk with one student, her bookings naming aircraft in free text, and Fran at the desk. */
async function renderFleet() {
  db = await freshDb();
  await createItem(db, 'users', aUser({ userId: 'u-fran', name: 'Fran Office', role: 'staff' }), 'seed');
  await createItem(db, 'users', aUser({ userId: 'u-zoe', name: 'Zoë Student', role: 'student' }), 'seed');
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  for (const [bookingId, aircraft] of [['bk-1', 'N172PF'], ['bk-2', 'n172pf '], ['bk-3', 'G-ABCD']] as const) {
    await createItem(db, 'bookings', aBooking({ bookingId, userId: 'u-zoe', bookingDate: tomorrow, bookingTime: '10:00', status: 'confirmed', details: { aircraft, duration: 60 } }), 'seed');
  }
  await writeMeta(db, 'staffUserId', 'u-fran');
  const rendered = renderWithMantine(
    <PilotForceDbContext.Provider value={db}>
      <SessionProvider>
        <MirrorsProvider>
          <FleetScreen />
        </MirrorsProvider>
      </SessionProvider>
    </PilotForceDbContext.Provider>,
  );
  return { ...rendered, tomorrow };
}

// Typing through user-event into Mantine inputs takes seconds on a busy machine.
describe('the fleet screen', { timeout: 30_000 }, () => {
  it('lists free-text aircraft the register does not hold, each spelling together, and adds one from there', async () => {
    const { user } = await renderFleet();
    const unmatched = await screen.findAllByTestId('unmatched-aircraft');
    expect(unmatched.map((row) => row.textContent)).toEqual([expect.stringContaining('N172PF2 bookings (“N172PF”, “n172pf ”)'), expect.stringContaining('G-ABCD1 booking')]);
    await user.click(screen.getByRole('button', { name: 'Add N172PF to the register' }));
    const form = screen.getByRole('form', { name: 'New aircraft' });
    expect(within(form).getByLabelText('Registration')).toHaveValue('N172PF');
    await user.click(within(form).getByRole('button', { name: 'Add to the register' }));
    expect(await within(form).findByText('Give the type, e.g. C172 or PA-28')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('Type'), 'C172');
    await user.type(within(form).getByLabelText('Hobbs'), '12o4');
    await user.click(within(form).getByRole('button', { name: 'Add to the register' }));
    expect(await within(form).findByText('Hobbs is hours on the meter, e.g. 1243.5')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Hobbs'));
    await user.type(within(form).getByLabelText('Hobbs'), '1243.5');
    await user.click(within(form).getByRole('button', { name: 'Add to the register' }));

    await waitFor(() => expect(screen.getAllByTestId('aircraft-row')).toHaveLength(1));
    expect(await db.resources.get('aircraft#N172PF')).toMatchObject({ resourceType: 'aircraft', name: 'N172PF', aircraftType: 'C172', hobbs: 1243.5 });
    // Its two spellings now match it; only G-ABCD is left to map.
    await waitFor(() => expect(screen.getAllByTestId('unmatched-aircraft')).toHaveLength(1));
    const outbox = await db.outbox.toArray();
    expect(outbox.at(-1)?.mutation).toMatchObject({ kind: 'create', entity: 'resources', key: 'aircraft#N172PF', updatedBy: 'Fran Office' });
  });

  it('refuses a registration already in the register, whatever its spelling', async () => {
    const { user } = await renderFleet();
    await createItem(db, 'resources', { resourceId: 'aircraft#N172PF', resourceType: 'aircraft', name: 'N172PF', aircraftType: 'C172', createdAt: new Date().toISOString() }, 'seed');
    await user.click(await screen.findByRole('button', { name: 'Add aircraft' }));
    const form = screen.getByRole('form', { name: 'New aircraft' });
    await user.type(within(form).getByLabelText('Registration'), 'n 172pf');
    await user.type(within(form).getByLabelText('Type'), 'C172');
    await user.click(within(form).getByRole('button', { name: 'Add to the register' }));
    expect(await within(form).findByText('N172PF is already in the register: open it from the list to change it')).toBeInTheDocument();
  });

  it('grounds an aircraft with a reason, flags the bookings it touches by student name, and returns it to service', async () => {
    const { user } = await renderFleet();
    await createItem(db, 'resources', { resourceId: 'aircraft#N172PF', resourceType: 'aircraft', name: 'N172PF', aircraftType: 'C172', createdAt: new Date().toISOString() }, 'seed');
    await user.click(await screen.findByRole('button', { name: 'N172PF' }));
    const panel = screen.getByRole('region', { name: 'Aircraft N172PF' });
    await user.click(within(panel).getByRole('button', { name: 'Ground' }));
    expect(await within(panel).findByText('Say why the aircraft is grounded, e.g. “Magneto check”.')).toBeInTheDocument();
    await user.type(within(panel).getByLabelText('Reason'), 'Magneto check');
    await user.click(within(panel).getByRole('button', { name: 'Ground' }));

    await waitFor(async () => expect((await db.resources.get('aircraft#N172PF'))?.grounding).toMatchObject({ reason: 'Magneto check', by: 'Fran Office' }));
    const flagged = await within(panel).findAllByTestId('grounded-booking');
    // Both spellings of N172PF; G-ABCD's booking is not touched.
    expect(flagged.map((link) => link.textContent)).toEqual([expect.stringContaining('Zoë Student'), expect.stringContaining('Zoë Student')]);
    expect(within(panel).getByText('2 bookings need another aircraft or a new time')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Aircraft' })).getByText('Grounded')).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Return to service' }));
    await waitFor(async () => expect((await db.resources.get('aircraft#N172PF'))?.grounding).toBeUndefined());
    expect(await within(screen.getByRole('table', { name: 'Aircraft' })).findByText('Available')).toBeInTheDocument();
  });

  it('says how to write the end of a grounding it cannot read, or one in the past, and grounds nothing', async () => {
    const { user } = await renderFleet();
    await createItem(db, 'resources', { resourceId: 'aircraft#N172PF', resourceType: 'aircraft', name: 'N172PF', aircraftType: 'C172', createdAt: new Date().toISOString() }, 'seed');
    await user.click(await screen.findByRole('button', { name: 'N172PF' }));
    const panel = screen.getByRole('region', { name: 'Aircraft N172PF' });
    await user.type(within(panel).getByLabelText('Reason'), 'Flat tyre');
    await user.type(within(panel).getByLabelText('Until (date)'), 'next Friday');
    await user.type(within(panel).getByLabelText('Until (time)'), '17:00');
    await user.click(within(panel).getByRole('button', { name: 'Ground' }));
    expect(await within(panel).findByText('The end of the grounding is a date like 2026-12-03 and a 24-hour time like 17:00.')).toBeInTheDocument();
    await user.clear(within(panel).getByLabelText('Until (date)'));
    await user.type(within(panel).getByLabelText('Until (date)'), '2020-01-01');
    await user.click(within(panel).getByRole('button', { name: 'Ground' }));
    expect(await within(panel).findByText('The grounding must end after now.')).toBeInTheDocument();
    expect((await db.resources.get('aircraft#N172PF'))?.grounding).toBeUndefined();
  });
});

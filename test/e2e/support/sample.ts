import type { Handlers } from '@shared/api/contract';
import type { Mutation } from '@shared/sync/protocol';
import { aBooking, aUser } from '@test/support/builders';

/** A small school: enough for a screen to show, known to the tests by name. */
const createdAt = '2026-03-01T09:00:00.000Z';
export const E2E_USERS = [
  aUser({ userId: 'u-sam', email: 'sam@pilotforce.test', name: 'Sam Staff', role: 'staff', createdAt, preferences: { theme: 'light', notifications: true } }),
  aUser({ userId: 'u-alice', email: 'alice@pilotforce.test', name: 'Alice Ng', role: 'customer', createdAt }),
];
export const E2E_BOOKINGS = [
  aBooking({
    bookingId: 'bk-a1',
    userId: 'u-alice',
    serviceType: 'pilot_training',
    bookingDate: '2026-03-10',
    bookingTime: '09:00',
    status: 'confirmed',
    details: { duration: 90, location: 'Main Airport', aircraft: 'C-GABC', notes: 'Circuits' },
    paymentInfo: { amount: 299.99, currency: 'USD' },
    createdAt,
  }),
];

/** Writes the sample through main's own push (conditional creates), as the app would. */
export async function seedSample(handlers: Handlers): Promise<void> {
  let seq = 0;
  const create = (entity: 'users' | 'bookings', key: string, item: object): Mutation =>
    ({ clientId: 'e2e-seed', seq: ++seq, entity, key, kind: 'create', updatedBy: 'Seed', item }) as Mutation;
  const mutations = [
    ...E2E_USERS.map((user) => create('users', user.userId, user)),
    ...E2E_BOOKINGS.map((booking) => create('bookings', booking.bookingId, booking)),
  ];
  const { outcomes } = await handlers['sync.push']({ mutations }, { transport: 'web' });
  const failed = outcomes.filter((outcome) => outcome.status !== 'applied');
  if (failed.length > 0) throw new Error(`seeding failed: ${JSON.stringify(failed)}`);
}

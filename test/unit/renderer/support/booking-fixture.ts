import { BookingSchema, type Booking } from '@shared/models';

/** A valid booking with the fields a test cares about overridden. */
export function makeBooking(overrides: Partial<Booking> & { bookingId: string }): Booking {
  return BookingSchema.parse({
    userId: 'u1',
    serviceType: 'pilot_training',
    bookingDate: '2026-03-02',
    bookingTime: '09:00',
    status: 'confirmed',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  });
}

import type { BookingItem as Booking, UserItem as User } from '@renderer/common/items';
import { valueText } from '@renderer/common/value-text';

/**
 * The flat CSV columns of users and bookings. Export writes them and import reads them, so an export
 * can be edited in a spreadsheet and imported again. Nested map fields become their own column.
 */
export const USER_COLUMNS = ['userId', 'email', 'name', 'phoneNumber', 'role', 'theme', 'notifications'] as const;

export const BOOKING_COLUMNS = [
  'bookingId',
  'userId',
  'serviceType',
  'bookingDate',
  'bookingTime',
  'status',
  'duration',
  'location',
  'notes',
  'aircraft',
  'instructorId',
  'amount',
  'currency',
  'paymentMethod',
  'paymentStatus',
] as const;

/** Columns an export adds for people to read; import ignores them. */
export const BOOKING_READ_ONLY_COLUMNS = ['userName', 'cancellationReason', 'updatedAt', 'updatedBy'] as const;

export type CsvRow = Record<string, string>;

/**
 * Cells the export prefixes with `'` so a spreadsheet never runs them as formulas (CSV injection). A cell
 * that starts with `'` itself is prefixed too, so import can take exactly one `'` off and get the text back.
 */
export const ESCAPED_CELL_START = /^[=+\-@\t\r']/;

export function userToRow(user: User): CsvRow {
  return {
    userId: user.userId,
    email: user.email,
    name: user.name,
    phoneNumber: user.phoneNumber ?? '',
    role: user.role,
    theme: user.preferences?.theme ?? '',
    notifications: valueText(user.preferences?.notifications),
  };
}

export function bookingToRow(booking: Booking, userName = ''): CsvRow {
  const details = booking.details ?? {};
  const payment = booking.paymentInfo ?? {};
  return {
    bookingId: booking.bookingId,
    userId: booking.userId,
    serviceType: booking.serviceType,
    bookingDate: booking.bookingDate,
    bookingTime: booking.bookingTime,
    status: booking.status,
    duration: valueText(details.duration),
    location: details.location ?? '',
    notes: details.notes ?? '',
    aircraft: details.aircraft ?? '',
    instructorId: details.instructorId ?? '',
    amount: valueText(payment.amount),
    currency: payment.currency ?? '',
    paymentMethod: payment.paymentMethod ?? '',
    paymentStatus: payment.paymentStatus ?? '',
    userName,
    cancellationReason: booking.cancellation?.reason ?? '',
    updatedAt: booking.updatedAt,
    updatedBy: booking.updatedBy ?? '',
  };
}

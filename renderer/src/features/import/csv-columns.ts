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
  'userEmail',
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
export const BOOKING_READ_ONLY_COLUMNS = ['userName', 'instructorName', 'cancellationReason', 'updatedAt', 'updatedBy'] as const;

/** What an export writes of a person besides their id: a booking's student and instructor by name, the student's email too. */
export type PersonOf = (userId: string) => { name: string; email: string } | undefined;

export type CsvRow = Record<string, string>;

/**
 * Characters a spreadsheet may take as the start of a formula (CSV injection): OWASP's = + - @ (tab and
 * carriage return count as blanks below), their full-width forms ＝ ＋ － ＠ (which spreadsheets with East
 * Asian input read as the ASCII ones), the small forms ﹦ ﹢ ﹣ ﹫ and the minus sign −. `|` and `%` are not
 * on OWASP's list: neither starts a formula by itself (`|` matters only inside one started by these).
 */
export const FORMULA_START = /^[=+\-@＝＋－＠﹦﹢﹣﹫−]/;
/** Blank or invisible characters a spreadsheet may skip before a formula (" =1+1", "\t=1", a zero-width space). */
const BLANK = /[\s\p{Cc}\p{Cf}]/u;
const BLANK_START = new RegExp(`^${BLANK.source}`, 'u');
const BLANK_END = new RegExp(`${BLANK.source}$`, 'u');

/**
 * Whether the export prefixes a cell with `'` so a spreadsheet shows it as text (OWASP's advice): when it
 * starts with a formula character, or with any blank (so also " =1+1"), or with `'` itself (so import can
 * take exactly one `'` off), or ends with a blank (import trims the cells people typed; an escaped cell is
 * kept whole). Every string therefore comes back from import as it was exported.
 */
export function needsEscape(text: string): boolean {
  return FORMULA_START.test(text) || BLANK_START.test(text) || text.startsWith("'") || BLANK_END.test(text);
}

export function escapeCell(text: string): string {
  return needsEscape(text) ? `'${text}` : text;
}

/**
 * Undoes `escapeCell`: `'=1+1` was `=1+1`, `''x` was `'x`, `' a ` was ` a `. Other cells are trimmed (a
 * hand-edited file's stray spaces); a `'` before text that needed no escape is kept (`'hello`).
 */
export function unescapeCell(text: string): string {
  const start = text.trimStart();
  return start.startsWith("'") && needsEscape(start.slice(1)) ? start.slice(1) : text.trim();
}

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

export function bookingToRow(booking: Booking, personOf: PersonOf = () => undefined): CsvRow {
  const details = booking.details ?? {};
  const payment = booking.paymentInfo ?? {};
  const student = personOf(booking.userId);
  return {
    bookingId: booking.bookingId,
    userId: booking.userId,
    userEmail: student?.email ?? '',
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
    userName: student?.name ?? '',
    instructorName: details.instructorId ? (personOf(details.instructorId)?.name ?? '') : '',
    cancellationReason: booking.cancellation?.reason ?? '',
    updatedAt: booking.updatedAt,
    updatedBy: booking.updatedBy ?? '',
  };
}

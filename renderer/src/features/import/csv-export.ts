import Papa from 'papaparse';
import type { BookingItem as Booking, UserItem as User } from '@renderer/common/items';
import { BOOKING_COLUMNS, BOOKING_READ_ONLY_COLUMNS, bookingToRow, escapeCell, USER_COLUMNS, userToRow, type CsvRow, type PersonOf } from './csv-columns';

/**
 * CSV text of rows in the given column order, formula-like cells escaped (`escapeCell`) and, as OWASP
 * advises, quoted as well (every cell starting with `'` is an escaped one).
 */
export function toCsv(rows: readonly CsvRow[], columns: readonly string[]): string {
  return Papa.unparse(
    { fields: [...columns], data: rows.map((row) => columns.map((column) => escapeCell(row[column] ?? ''))) },
    { newline: '\r\n', quotes: (value: unknown) => typeof value === 'string' && value.startsWith("'") },
  );
}

/** Bookings as CSV, their people named (student's name and email, instructor's name) beside the ids import reads. */
export function bookingsToCsv(bookings: readonly Booking[], personOf: PersonOf): string {
  return toCsv(
    bookings.map((booking) => bookingToRow(booking, personOf)),
    [...BOOKING_COLUMNS, ...BOOKING_READ_ONLY_COLUMNS],
  );
}

export function usersToCsv(users: readonly User[]): string {
  return toCsv(users.map(userToRow), USER_COLUMNS);
}

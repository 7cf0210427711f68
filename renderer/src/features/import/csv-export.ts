import Papa from 'papaparse';
import type { BookingItem as Booking, UserItem as User } from '@renderer/common/items';
import { BOOKING_COLUMNS, BOOKING_READ_ONLY_COLUMNS, bookingToRow, ESCAPED_CELL_START, USER_COLUMNS, userToRow, type CsvRow } from './csv-columns';

/** CSV text of rows in the given column order, formula-like cells escaped (ESCAPED_CELL_START). */
export function toCsv(rows: readonly CsvRow[], columns: readonly string[]): string {
  return Papa.unparse({ fields: [...columns], data: rows.map((row) => columns.map((column) => row[column] ?? '')) }, { escapeFormulae: ESCAPED_CELL_START, newline: '\r\n' });
}

export function bookingsToCsv(bookings: readonly Booking[], nameOf: (userId: string) => string | undefined): string {
  return toCsv(
    bookings.map((booking) => bookingToRow(booking, nameOf(booking.userId) ?? '')),
    [...BOOKING_COLUMNS, ...BOOKING_READ_ONLY_COLUMNS],
  );
}

export function usersToCsv(users: readonly User[]): string {
  return toCsv(users.map(userToRow), USER_COLUMNS);
}

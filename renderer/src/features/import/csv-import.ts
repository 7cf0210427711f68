import Papa from 'papaparse';
import { z } from 'zod';
import { BookingFieldsShape, UserFieldsShape } from '@shared/models';
import { numberFromDynamoText } from '@shared/values';
import { BOOKING_COLUMNS, BOOKING_READ_ONLY_COLUMNS, USER_COLUMNS, unescapeCell, type CsvRow } from './csv-columns';

/** The fields an import creates: the entity's own fields, the sync attributes come from the local write. */
const UserFieldsSchema = z.strictObject(UserFieldsShape);
const BookingFieldsSchema = z.strictObject(BookingFieldsShape);
export type UserFields = z.infer<typeof UserFieldsSchema>;
export type BookingFields = z.infer<typeof BookingFieldsSchema>;

export type RowError = { column: string; message: string };
/** One CSV data row: its line in the file, its cells, and either the item it makes or its errors. */
export type ImportRow<T> = { line: number; cells: CsvRow; item?: T; errors: RowError[] };
export type ImportPreview<T> = {
  rows: Array<ImportRow<T>>;
  /** The items of the rows without errors, in file order. */
  valid: T[];
  invalidCount: number;
  /** Problems with the file itself (not a CSV, a required column missing): nothing can be imported. */
  fileErrors: string[];
  /** Columns the importer does not know; their cells are ignored. */
  ignoredColumns: string[];
};

export type ImportContext = { now: Date; newId: () => string };
export type UserImportContext = ImportContext & { existingUserIds: ReadonlySet<string> };
export type BookingImportContext = ImportContext & { existingBookingIds: ReadonlySet<string>; knownUserIds: ReadonlySet<string> };

const REQUIRED_USER_COLUMNS = ['email', 'name', 'role'];
const REQUIRED_BOOKING_COLUMNS = ['userId', 'serviceType', 'bookingDate', 'bookingTime'];

/** The header and data rows of CSV text, each cell with the export's escaping undone (`unescapeCell`). */
export function parseCsv(text: string): { header: string[]; records: CsvRow[]; errors: string[] } {
  const parsed = Papa.parse<CsvRow>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim(),
    transform: unescapeCell,
  });
  const errors = parsed.errors
    .filter((error) => error.code !== 'UndetectableDelimiter')
    .map((error) => (error.row === undefined ? error.message : `Line ${error.row + 2}: ${error.message}`));
  return { header: parsed.meta.fields ?? [], records: parsed.data, errors };
}

/** Column names (as in the file) of a zod issue: the deepest column its path names (not `$n` of an amount), or the whole row. */
function issueErrors(error: z.ZodError, columns: readonly string[]): RowError[] {
  return error.issues.map((issue) => ({
    column: String(issue.path.findLast((key) => columns.includes(String(key))) ?? issue.path.at(-1) ?? 'row'),
    message: issue.message,
  }));
}

function optional(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

/** An exact number from CSV text (money keeps its digits), or the text itself for validation to refuse. */
function numberCell(text: string | undefined): number | { $n: string } | string | undefined {
  const value = optional(text);
  if (value === undefined) return undefined;
  return /^-?\d+(\.\d+)?$/.test(value) ? numberFromDynamoText(value) : value;
}

function booleanCell(text: string | undefined): boolean | string | undefined {
  const value = optional(text)?.toLowerCase();
  if (value === undefined) return undefined;
  if (['true', 'yes', '1'].includes(value)) return true;
  if (['false', 'no', '0'].includes(value)) return false;
  return value;
}

/** Drops keys whose value is undefined, and the whole map when nothing is left. */
function compact(map: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(map).filter(([, value]) => value !== undefined);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function previewOf<T>(
  text: string,
  known: readonly string[],
  required: readonly string[],
  toItem: (cells: CsvRow) => unknown,
  schema: z.ZodType<T>,
  keyOf: (item: T) => string,
  crossCheck: (item: T) => RowError[],
): ImportPreview<T> {
  const { header, records, errors } = parseCsv(text);
  const missing = required.filter((column) => !header.includes(column));
  const fileErrors = [...errors, ...missing.map((column) => `The required column "${column}" is missing`)];
  const ignoredColumns = header.filter((column) => !known.includes(column));
  if (missing.length > 0) return { rows: [], valid: [], invalidCount: 0, fileErrors, ignoredColumns };

  const firstLineOfKey = new Map<string, number>();
  const rows = records.map((cells, index): ImportRow<T> => {
    const line = index + 2;
    const parsed = schema.safeParse(toItem(cells));
    if (!parsed.success) return { line, cells, errors: issueErrors(parsed.error, known) };
    const key = keyOf(parsed.data);
    const duplicateOf = firstLineOfKey.get(key);
    const rowErrors = crossCheck(parsed.data);
    if (duplicateOf !== undefined) rowErrors.push({ column: 'row', message: `The same id as line ${duplicateOf}` });
    else firstLineOfKey.set(key, line);
    return rowErrors.length ? { line, cells, errors: rowErrors } : { line, cells, item: parsed.data, errors: [] };
  });
  const valid = rows.flatMap((row) => (row.item === undefined ? [] : [row.item]));
  return { rows, valid, invalidCount: rows.length - valid.length, fileErrors, ignoredColumns };
}

/** Every row of a users CSV, validated with the shared schema, before anything is written. */
export function previewUsersImport(text: string, context: UserImportContext): ImportPreview<UserFields> {
  const createdAt = context.now.toISOString();
  return previewOf(
    text,
    USER_COLUMNS,
    REQUIRED_USER_COLUMNS,
    (cells) =>
      compact({
        userId: optional(cells.userId) ?? context.newId(),
        email: cells.email,
        name: cells.name,
        phoneNumber: optional(cells.phoneNumber),
        role: cells.role,
        createdAt,
        preferences: compact({ theme: optional(cells.theme), notifications: booleanCell(cells.notifications) }),
      }),
    UserFieldsSchema,
    (user) => user.userId,
    (user) => (context.existingUserIds.has(user.userId) ? [{ column: 'userId', message: `A user ${user.userId} already exists` }] : []),
  );
}

/** Every row of a bookings CSV, validated with the shared schema, before anything is written. */
export function previewBookingsImport(text: string, context: BookingImportContext): ImportPreview<BookingFields> {
  const createdAt = context.now.toISOString();
  return previewOf(
    text,
    [...BOOKING_COLUMNS, ...BOOKING_READ_ONLY_COLUMNS],
    REQUIRED_BOOKING_COLUMNS,
    (cells) =>
      compact({
        bookingId: optional(cells.bookingId) ?? context.newId(),
        userId: cells.userId,
        serviceType: cells.serviceType,
        bookingDate: cells.bookingDate,
        bookingTime: cells.bookingTime,
        status: optional(cells.status) ?? 'pending',
        createdAt,
        details: compact({
          duration: numberCell(cells.duration),
          location: optional(cells.location),
          notes: optional(cells.notes),
          aircraft: optional(cells.aircraft),
          instructorId: optional(cells.instructorId),
        }),
        paymentInfo: compact({
          amount: numberCell(cells.amount),
          currency: optional(cells.currency),
          paymentMethod: optional(cells.paymentMethod),
          paymentStatus: optional(cells.paymentStatus),
        }),
      }),
    BookingFieldsSchema,
    (booking) => booking.bookingId,
    (booking) => {
      const errors: RowError[] = [];
      if (context.existingBookingIds.has(booking.bookingId)) errors.push({ column: 'bookingId', message: `A booking ${booking.bookingId} already exists` });
      if (!context.knownUserIds.has(booking.userId)) errors.push({ column: 'userId', message: `No user ${booking.userId}` });
      if (booking.status === 'cancelled') errors.push({ column: 'status', message: 'Import cannot create a cancelled booking (a cancel needs a reason)' });
      return errors;
    },
  );
}

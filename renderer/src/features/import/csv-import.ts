import Papa from 'papaparse';
import { z } from 'zod';
import { BookingFieldsShape, UserFieldsShape } from '@shared/models';
import { numberFromDynamoText } from '@shared/values';
import { BOOKING_COLUMNS, BOOKING_READ_ONLY_COLUMNS, USER_COLUMNS, unescapeCell, type CsvRow } from './csv-columns';
import { toCsv } from './csv-export';

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
  /** The file's columns, in its order (the error report keeps them). */
  header: string[];
};

export type ImportContext = { now: Date; newId: () => string };
export type UserImportContext = ImportContext & { existingUserIds: ReadonlySet<string> };
/** `userIdByEmail`: the cache's users by email (lower case), so a row may name its student or instructor by email. */
export type BookingImportContext = ImportContext & { existingBookingIds: ReadonlySet<string>; knownUserIds: ReadonlySet<string>; userIdByEmail?: ReadonlyMap<string, string> };

const REQUIRED_USER_COLUMNS = ['email', 'name', 'role'];
const REQUIRED_BOOKING_COLUMNS = ['serviceType', 'bookingDate', 'bookingTime'];

/** What a cell must hold, in the office's words: every format error of the column says it, whatever zod found. */
const COLUMN_RULES: Record<string, string> = {
  bookingDate: 'Booking date must be a date like 2026-12-03',
  bookingTime: 'Time must be a time like 09:30 (24-hour clock)',
  status: 'Status must be pending, confirmed or completed',
  duration: 'Duration must be whole minutes from 1 to 1440, like 60',
  amount: 'Amount must be a number like 120.50',
  currency: 'Currency must be a three-letter code like USD',
  email: 'Email must be an address like name@example.com',
  phoneNumber: 'Phone number may hold digits, spaces, ( ) - and a leading +',
  theme: 'Theme must be light or dark',
  notifications: 'Notifications must be yes or no',
  serviceType: 'Service type must be a short name like flight_lesson (64 characters at most)',
  name: 'Name must be 1 to 200 characters',
  role: 'Role must be a word like customer, instructor, staff or admin',
  bookingId: 'Booking id may be left empty (a new one is made)',
  userId: 'Id may be left empty (a new one is made)',
};

/** The column names as the office reads them in an error. */
const COLUMN_NAMES: Record<string, string> = { userId: 'Student', userEmail: 'Student', instructorId: 'Instructor', notes: 'Notes', location: 'Location', aircraft: 'Aircraft' };

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

/**
 * A zod issue as an office error: its column (the deepest its path names, not `$n` of an amount, or the
 * whole row) and what the column must hold, or that it is empty when required; one error per column.
 */
function issueErrors(error: z.ZodError, columns: readonly string[], cells: CsvRow): RowError[] {
  const errors = error.issues.map((issue) => {
    const column = String(issue.path.findLast((key) => columns.includes(String(key))) ?? issue.path.at(-1) ?? 'row');
    const empty = column in COLUMN_RULES || column in cells ? (cells[column] ?? '').trim() === '' : false;
    const required = column === 'userId' ? 'Student is required: their email (column userEmail) or id (column userId)' : `${COLUMN_NAMES[column] ?? column} is required`;
    const message = empty && issue.code === 'invalid_type' ? required : (COLUMN_RULES[column] ?? `${COLUMN_NAMES[column] ?? column}: ${issue.message}`);
    return { column, message };
  });
  return errors.filter((one, index) => errors.findIndex((other) => other.column === one.column) === index);
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
  crossCheck: (cells: CsvRow, item: T | undefined) => RowError[],
  missingColumns: (header: readonly string[]) => string[] = () => [],
): ImportPreview<T> {
  const { header, records, errors } = parseCsv(text);
  const missing = required.filter((column) => !header.includes(column));
  const fileErrors = [...errors, ...missing.map((column) => `The required column "${column}" is missing`), ...missingColumns(header)];
  const ignoredColumns = header.filter((column) => !known.includes(column));
  if (fileErrors.length > errors.length) return { rows: [], valid: [], invalidCount: 0, fileErrors, ignoredColumns, header };

  const firstLineOfKey = new Map<string, number>();
  const rows = records.map((cells, index): ImportRow<T> => {
    const line = index + 2;
    const parsed = schema.safeParse(toItem(cells));
    // Every error of the row at once: its format errors and what the cache says (unknown people, taken ids).
    const rowErrors = [...(parsed.success ? [] : issueErrors(parsed.error, known, cells)), ...crossCheck(cells, parsed.success ? parsed.data : undefined)];
    if (parsed.success) {
      const key = keyOf(parsed.data);
      const duplicateOf = firstLineOfKey.get(key);
      if (duplicateOf !== undefined) rowErrors.push({ column: 'row', message: `The same id as line ${duplicateOf}: give each row its own id, or leave it empty` });
      else firstLineOfKey.set(key, line);
    }
    return rowErrors.length || !parsed.success ? { line, cells, errors: rowErrors } : { line, cells, item: parsed.data, errors: [] };
  });
  const valid = rows.flatMap((row) => (row.item === undefined ? [] : [row.item]));
  return { rows, valid, invalidCount: rows.length - valid.length, fileErrors, ignoredColumns, header };
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
    (cells) => (optional(cells.userId) && context.existingUserIds.has(cells.userId!) ? [{ column: 'userId', message: `A user ${cells.userId} already exists` }] : []),
  );
}

/** Every row of a bookings CSV, validated with the shared schema, before anything is written. */
export function previewBookingsImport(text: string, context: BookingImportContext): ImportPreview<BookingFields> {
  const createdAt = context.now.toISOString();
  /** A person's id from an id or an email cell (an email of the cache's users becomes their id). */
  const person = (id: string | undefined, email?: string): string | undefined => {
    const given = optional(id) ?? optional(email);
    if (given === undefined || context.knownUserIds.has(given)) return given;
    return context.userIdByEmail?.get(given.toLowerCase()) ?? given;
  };
  return previewOf(
    text,
    [...BOOKING_COLUMNS, ...BOOKING_READ_ONLY_COLUMNS],
    REQUIRED_BOOKING_COLUMNS,
    (cells) =>
      compact({
        bookingId: optional(cells.bookingId) ?? context.newId(),
        userId: person(cells.userId, cells.userEmail),
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
          instructorId: optional(cells.instructorId) && person(cells.instructorId),
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
    (cells) => {
      const errors: RowError[] = [];
      const bookingId = optional(cells.bookingId);
      if (bookingId && context.existingBookingIds.has(bookingId)) errors.push({ column: 'bookingId', message: `A booking ${bookingId} already exists: leave the id empty to add it as a new booking` });
      const student = optional(cells.userId) ?? optional(cells.userEmail);
      const column = optional(cells.userId) ? 'userId' : 'userEmail';
      if (student && !context.knownUserIds.has(person(cells.userId, cells.userEmail) ?? '')) errors.push({ column, message: `No user with the ${student.includes('@') ? 'email' : 'id'} ${student}: check it, or create the user first` });
      const instructor = optional(cells.instructorId);
      if (instructor && !context.knownUserIds.has(person(instructor) ?? '')) errors.push({ column: 'instructorId', message: `No instructor with the ${instructor.includes('@') ? 'email' : 'id'} ${instructor}: check it, or create the user first` });
      if (cells.status?.trim() === 'cancelled') errors.push({ column: 'status', message: 'Import cannot create a cancelled booking (a cancel needs a reason): import it as pending, then cancel it' });
      return errors;
    },
    (header) => (header.includes('userId') || header.includes('userEmail') ? [] : ['The student column is missing: add "userEmail" (their email) or "userId"']),
  );
}

/** The rows left out, as CSV: the file's own columns, then `line` and `errors` (every message of the row), to fix and import again. */
export function errorReport(rows: ReadonlyArray<ImportRow<unknown>>, header: readonly string[]): string {
  const columns = [...header.filter((column) => column !== 'line' && column !== 'errors'), 'line', 'errors'];
  return toCsv(
    rows.map((row) => ({ ...row.cells, line: String(row.line), errors: row.errors.map((error) => error.message).join('; ') })),
    columns,
  );
}

import { format, parseISO } from 'date-fns';
import type { EntityName } from '@shared/models';
import type { FieldPath, Mutation } from '@shared/sync';
import { fieldLabel } from './labels';

/** What an item title reads from an item: any stored item (a booking, a user, an asset, a resource). */
type AnyItem = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A date as the office says it: "3 Dec 2026". */
export function officeDate(date: string): string {
  const day = parseISO(date);
  return Number.isNaN(day.getTime()) ? date : format(day, 'd MMM yyyy');
}

/** A booking's date and time as the office says them: "3 Dec 2026 10:00". */
export function bookingWhen(date: string, time: string): string {
  return `${officeDate(date)} ${time}`;
}

/**
 * An item named in office words, never by its key: "Booking of Raj Coleman, 3 Dec 2026 10:00", "Raj Coleman's
 * profile", "File medical.pdf of Raj Coleman", "School settings". `item` is the best copy at hand (the local
 * one, the server's, or what a create wrote); without one the item is named by its kind alone.
 */
export function itemTitle(entity: EntityName, item: AnyItem | null | undefined, nameOf: (userId: string) => string): string {
  if (entity === 'bookings') {
    const userId = text(item?.userId);
    const date = text(item?.bookingDate);
    const time = text(item?.bookingTime);
    const who = userId ? ` of ${nameOf(userId)}` : '';
    return `Booking${who}${date && time ? `, ${bookingWhen(date, time)}` : ''}`;
  }
  if (entity === 'users') {
    const name = text(item?.name);
    return name ? `${name}'s profile` : 'A user’s profile';
  }
  if (entity === 'assets') {
    const file = text(item?.fileName);
    const userId = text(item?.userId);
    return `File${file ? ` ${file}` : ''}${userId ? ` of ${nameOf(userId)}` : ''}`;
  }
  const type = text(item?.resourceType);
  if (type === 'school-settings') return 'School settings';
  const name = text(item?.name);
  return type === 'aircraft' || type === 'instructor' ? `${type === 'aircraft' ? 'Aircraft' : 'Instructor'}${name ? ` ${name}` : ''}` : 'A school resource';
}

/** What a change does, in words: "created", "deleted", or the fields it changes ("notes, time changed"). */
export function changeSummary(mutation: Mutation): string {
  if (mutation.kind === 'create') return 'created';
  if (mutation.kind === 'delete') return 'deleted';
  return `${fieldsText(mutation.changes.map((change) => change.path))} changed`;
}

/** Fields as a list in words: "Notes, Time" -> "notes, time". */
export function fieldsText(paths: readonly FieldPath[]): string {
  const labels = [...new Set(paths.map((path) => fieldLabel(path)))];
  return labels.map((label, index) => (index === 0 ? label.charAt(0).toLowerCase() + label.slice(1) : label.toLowerCase())).join(', ');
}

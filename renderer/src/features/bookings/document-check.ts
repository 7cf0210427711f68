import { bookingDocumentProblems, describeProblem, DOCUMENTS_RULE, type BookingPerson, type DocumentAsset, type DocumentProblem, type DocumentSettings } from '@shared/documents';
import type { BookingDetails, Override } from '@shared/models';
import type { BookingItem, UserItem } from '@renderer/common/items';

/** What the check reads of a booking or a form's draft. */
type CheckedBooking = { userId: string; bookingDate: string; details?: BookingDetails | undefined };

/** The booking's student and instructor as the document rules see them (people not in the cache are left out). */
export function bookingPeople(draft: Omit<CheckedBooking, 'bookingDate'>, users: ReadonlyMap<string, UserItem>): BookingPerson[] {
  const person = (userId: string | undefined, as: BookingPerson['as']): BookingPerson[] => {
    const user = userId ? users.get(userId) : undefined;
    return user ? [{ userId: user.userId, role: user.role, name: user.name, as }] : [];
  };
  return [...person(draft.userId, 'student'), ...person(draft.details?.instructorId, 'instructor')];
}

/**
 * The document problems of a draft on its date, less those the booking was already saved against
 * (an edit of its notes does not ask again about a medical someone already overrode).
 */
export function draftDocumentProblems(
  draft: CheckedBooking,
  users: ReadonlyMap<string, UserItem>,
  documents: Iterable<DocumentAsset>,
  settings: DocumentSettings,
  booking?: Pick<BookingItem, 'overrides'>,
): DocumentProblem[] {
  const overridden = new Set((booking?.overrides ?? []).filter((override) => override.rule === DOCUMENTS_RULE).flatMap((override) => override.detail.split('\n')));
  return bookingDocumentProblems(bookingPeople(draft, users), documents, settings, draft.bookingDate).filter((problem) => !overridden.has(describeProblem(problem)));
}

/** The override a "save anyway" against document problems records. */
export function documentOverride(documentOverride: { reason: string; detail: string }, who: string, now: Date): Override {
  return { rule: DOCUMENTS_RULE, by: who, at: now.toISOString(), ...documentOverride };
}

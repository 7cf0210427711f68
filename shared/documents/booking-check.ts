import { currencyOn, type DocumentAsset, type DocumentSettings, type KindCurrency } from './currency';

/** The booking's people whose papers are checked: the student (or customer) and the instructor. */
export type BookingPerson = { userId: string; role: string; name: string; as: 'student' | 'instructor' };

/** A required document that is expired or missing on the booking's date. */
export type DocumentProblem = KindCurrency & { person: BookingPerson; state: 'expired' | 'missing' };

/** The override rule the booking form records when it saves against these problems. */
export const DOCUMENTS_RULE = 'documents';

/**
 * What stands against a booking on `bookingDate` (the school's date the booking is on): each required
 * document of each person that does not cover that date. An expiring document still covers it.
 */
export function bookingDocumentProblems(people: readonly BookingPerson[], documents: Iterable<DocumentAsset>, settings: DocumentSettings, bookingDate: string): DocumentProblem[] {
  const all = [...documents];
  return people.flatMap((person) =>
    currencyOn(person, all, settings, bookingDate).flatMap((kind): DocumentProblem[] =>
      kind.state === 'expired' || kind.state === 'missing' ? [{ ...kind, state: kind.state, person }] : [],
    ),
  );
}

/** Whether the problems block the booking (a rule with enforcement 'block'), rather than warn. */
export function blocksBooking(problems: readonly DocumentProblem[]): boolean {
  return problems.some((problem) => problem.enforcement === 'block');
}

/** One problem in the office's words, e.g. "Alice Ng (student): Medical certificate expired on 2026-05-31". */
export function describeProblem(problem: DocumentProblem): string {
  const what = problem.state === 'missing' ? 'missing' : `expired on ${problem.expiresOn ?? '?'}`;
  return `${problem.person.name} (${problem.person.as}): ${problem.kindName} ${what}`;
}

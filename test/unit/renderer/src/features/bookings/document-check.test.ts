import { describe, expect, it } from 'vitest';
import type { DocumentSettings } from '@shared/documents';
import { bookingPeople, documentOverride, draftDocumentProblems } from '@renderer/features/bookings/document-check';
import type { UserItem } from '@renderer/common/items';
import { aUser } from '@test/support/builders';

const users = new Map<string, UserItem>(
  [aUser({ userId: 'u-alice', name: 'Alice Ng', role: 'customer' }), aUser({ userId: 'u-ian', name: 'Ian Instructor', role: 'instructor' })].map((user) => [user.userId, user as UserItem]),
);
const settings: DocumentSettings = {
  documentKinds: [
    { kindId: 'medical', name: 'Medical certificate' },
    { kindId: 'licence', name: 'Pilot licence' },
  ],
  documentRules: [
    { role: 'customer', requiredKinds: ['medical'], enforcement: 'warn' },
    { role: 'instructor', requiredKinds: ['licence'], enforcement: 'warn' },
  ],
};
const draft = { userId: 'u-alice', bookingDate: '2026-04-02', details: { instructorId: 'u-ian' } };

describe('the booking’s document check', () => {
  it('checks the student and the instructor the cache knows', () => {
    expect(bookingPeople(draft, users)).toEqual([
      { userId: 'u-alice', role: 'customer', name: 'Alice Ng', as: 'student' },
      { userId: 'u-ian', role: 'instructor', name: 'Ian Instructor', as: 'instructor' },
    ]);
    expect(bookingPeople({ userId: 'u-nobody', details: {} }, users)).toEqual([]);
  });

  it('does not ask again about what the booking was already saved against', () => {
    expect(draftDocumentProblems(draft, users, [], settings).map((problem) => problem.kindId)).toEqual(['medical', 'licence']);
    const override = documentOverride({ reason: 'Seen on paper', detail: 'Alice Ng (student): Medical certificate missing' }, 'Sam Staff', new Date('2026-03-10T09:00:00Z'));
    expect(override).toEqual({ rule: 'documents', by: 'Sam Staff', at: '2026-03-10T09:00:00.000Z', reason: 'Seen on paper', detail: 'Alice Ng (student): Medical certificate missing' });
    expect(draftDocumentProblems(draft, users, [], settings, { overrides: [override] }).map((problem) => problem.kindId)).toEqual(['licence']);
  });
});

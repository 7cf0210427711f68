import { describe, expect, it } from 'vitest';
import { blocksBooking, bookingDocumentProblems, describeProblem, type BookingPerson, type DocumentSettings } from '@shared/documents';

const settings: DocumentSettings = {
  documentKinds: [
    { kindId: 'medical', name: 'Medical certificate' },
    { kindId: 'licence', name: 'Pilot licence' },
  ],
  documentRules: [
    { role: 'customer', requiredKinds: ['medical'], enforcement: 'warn' },
    { role: 'instructor', requiredKinds: ['licence'], enforcement: 'block' },
  ],
};
const alice: BookingPerson = { userId: 'u-alice', role: 'customer', name: 'Alice Ng', as: 'student' };
const ian: BookingPerson = { userId: 'u-ian', role: 'instructor', name: 'Ian Instructor', as: 'instructor' };
const medical = { assetId: 'as-m', userId: 'u-alice', fileName: 'medical.pdf', metadata: { documentKind: 'medical', issuedOn: '2025-01-01', expiresOn: '2026-03-31' } };

describe('bookingDocumentProblems', () => {
  it('finds nothing while the document covers the booking’s date, expiring or not', () => {
    expect(bookingDocumentProblems([alice], [medical], settings, '2026-03-31')).toEqual([]);
  });

  it('reports an expired document on a booking after its expiry, as a warning', () => {
    const problems = bookingDocumentProblems([alice], [medical], settings, '2026-04-01');
    expect(problems).toMatchObject([{ kindId: 'medical', state: 'expired', enforcement: 'warn', person: alice, document: medical }]);
    expect(blocksBooking(problems)).toBe(false);
    expect(problems.map(describeProblem)).toEqual(['Alice Ng (student): Medical certificate expired on 2026-03-31']);
  });

  it('reports the instructor’s missing licence too, and it blocks where the rule says so', () => {
    const problems = bookingDocumentProblems([alice, ian], [medical], settings, '2026-04-01');
    expect(problems.map(describeProblem)).toEqual(['Alice Ng (student): Medical certificate expired on 2026-03-31', 'Ian Instructor (instructor): Pilot licence missing']);
    expect(blocksBooking(problems)).toBe(true);
  });
});

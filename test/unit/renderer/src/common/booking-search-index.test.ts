import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookingSearchIndex, normalizeText, queryTerms } from '@renderer/common/booking-search-index';
import { aServerBooking } from '@test/support/builders';

describe('booking search index', () => {
  it('matches every term across user name, notes and location, ignoring case and accents', () => {
    const index = new BookingSearchIndex();
    index.setUserName('u1', 'Zoë Martin');
    index.upsert(aServerBooking(1, { bookingId: 'b1', userId: 'u1', details: { notes: 'First solo', location: 'Main Airport' } }));
    index.upsert(aServerBooking(1, { bookingId: 'b2', userId: 'u2', details: { notes: 'Crosswind practice', location: 'North Field' } }));
    expect(index.search('zoe')).toEqual(new Set(['b1']));
    expect(index.search('ZOE main')).toEqual(new Set(['b1']));
    expect(index.search('zoe north')).toEqual(new Set());
    expect(index.search('   ')).toBeUndefined();
  });

  it('follows live changes: edits, deletes and a user renamed', () => {
    const index = new BookingSearchIndex();
    index.setUserName('u1', 'Alice');
    for (const id of ['b1', 'b2', 'b3']) index.upsert(aServerBooking(1, { bookingId: id, userId: 'u1' }));
    expect(index.search('alice')?.size).toBe(3);
    index.remove('b1');
    expect(index.search('alice')).toEqual(new Set(['b2', 'b3']));
    index.setUserName('u1', 'Alicia');
    expect(index.search('alicia')).toEqual(new Set(['b2', 'b3']));
    index.upsert(aServerBooking(1, { bookingId: 'b3', userId: 'u2', details: { notes: 'moved' } }));
    expect(index.search('alicia')).toEqual(new Set(['b2']));
    expect(index.size).toBe(2);
  });

  it('counts exactly what a full scan of name, notes, location, service and id counts, whatever the edits and queries (narrowing included)', () => {
    const words = ['solo', 'cross', 'crosswind', 'night', 'main', 'north', 'zoë', 'zoe'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('upsert' as const), id: fc.integer({ min: 0, max: 15 }), user: fc.integer({ min: 0, max: 3 }), notes: fc.constantFrom(...words), location: fc.constantFrom(...words) }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 15 }) }),
      fc.record({ kind: fc.constant('rename' as const), user: fc.integer({ min: 0, max: 3 }), name: fc.constantFrom(...words) }),
      fc.record({ kind: fc.constant('search' as const), query: fc.array(fc.constantFrom(...words, 'cro', 'n'), { maxLength: 3 }).map((terms) => terms.join(' ')) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const index = new BookingSearchIndex();
        const model = new Map<string, { userId: string; notes: string; location: string }>();
        const names = new Map<string, string>();
        for (const step of ops) {
          if (step.kind === 'upsert') {
            model.set(`b${step.id}`, { userId: `u${step.user}`, notes: step.notes, location: step.location });
            index.upsert(aServerBooking(1, { bookingId: `b${step.id}`, userId: `u${step.user}`, serviceType: 'pilot_training', details: { notes: step.notes, location: step.location } }));
          } else if (step.kind === 'remove') {
            model.delete(`b${step.id}`);
            index.remove(`b${step.id}`);
          } else if (step.kind === 'rename') {
            names.set(`u${step.user}`, step.name);
            index.setUserName(`u${step.user}`, step.name);
          } else {
            const terms = queryTerms(step.query);
            const expected = [...model.entries()]
              .filter(([id, b]) => terms.every((term) => [names.get(b.userId) ?? '', b.notes, b.location, 'pilot_training', id].some((field) => normalizeText(field).includes(term))))
              .map(([id]) => id);
            const found = index.search(step.query);
            if (terms.length === 0) expect(found).toBeUndefined();
            else expect([...(found ?? [])].sort()).toEqual(expected.sort());
          }
        }
      }),
    );
  });
});

describe('booking search index at 100,000 bookings', () => {
  it('counts every match across the whole table, as a full scan does', () => {
    const places = ['Main Airport', 'North Field', 'Classroom 2', 'South Apron', 'Hangar 4'];
    const notes = ['circuits', 'first solo', 'night rating', 'crosswind practice', 'checkride prep', ''];
    const index = new BookingSearchIndex();
    const names = Array.from({ length: 1000 }, (_, i) => `Student ${i} ${i % 7 === 0 ? 'Zoë' : 'Max'}`);
    names.forEach((name, i) => index.setUserName(`u${i}`, name));
    const rows = Array.from({ length: 100_000 }, (_, i) => ({
      bookingId: `bk${i}`,
      userId: `u${i % 1000}`,
      serviceType: 'pilot_training',
      details: { location: places[i % places.length]!, notes: notes[i % notes.length]! },
    }));
    for (const row of rows) index.upsert(row);
    const fields = rows.map((row) => [names[Number(row.userId.slice(1))]!, row.details.notes, row.details.location, row.serviceType, row.bookingId].map(normalizeText));
    const scan = (query: string) => {
      const terms = queryTerms(query);
      return fields.filter((hay) => terms.every((term) => hay.some((field) => field.includes(term)))).length;
    };
    for (const query of ['z', 'zo', 'zoe', 'zoe nor', 'zoe north solo', 'student 42 ', 'hangar night', 'bk9999']) {
      expect(index.search(query)?.size, query).toBe(scan(query));
    }
    expect(index.search('zoe')!.size).toBeGreaterThan(10_000);
  }, 60_000);
});

import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { pushMutations } from '@main/sync/push';
import { scanPage } from '@main/sync/initial-scan';
import { defaultSchoolSettings, SCHOOL_SETTINGS_ID } from '@shared/models';
import { bookingInterval, intervalsOverlap, resourceDayId, ResourceDaySchema, slotBookingOf, slotResourceValue, DOUBLE_BOOKING_RULE } from '@shared/slots';
import type { Mutation, PushOutcome, ServerItem } from '@shared/sync/protocol';
import { tableName } from '@shared/tables';
import { aBooking } from '@test/support/builders';
import { useSyncTables } from '../sync/sync-fixture';

const { connect, prefix, admin } = useSyncTables();
const desks = ['A', 'B', 'C', 'D'].map((id) => ({ id, connection: connect() }));
let seq = 0;

const create = (key: string, clientId: string, fields: Parameters<typeof aBooking>[0] = {}): Extract<Mutation, { kind: 'create' }> => ({
  entity: 'bookings',
  updatedBy: `desk ${clientId}`,
  kind: 'create',
  clientId,
  seq: ++seq,
  key,
  item: aBooking({ bookingId: key, userId: `u-${clientId}`, bookingDate: '2026-12-02', bookingTime: '10:00', status: 'confirmed', details: { aircraft: 'N172PF', duration: 60 }, ...fields }),
});
const stampOf = (item: ServerItem) => ({ version: item.version as number, updatedAt: item.updatedAt as string });
const push = (mutations: Mutation[], desk = desks[0]!) => pushMutations({ clients: desk.connection.clients, prefix }, mutations);

async function day(id: string) {
  const read = await admin.doc.send(new GetCommand({ TableName: tableName('resources', prefix), Key: { resourceId: id }, ConsistentRead: true }));
  return read.Item ? ResourceDaySchema.parse(read.Item) : undefined;
}

/** Every active booking on the server, and any two that overlap on an aircraft without a deliberate save. */
async function overlapsOnServer(): Promise<string[]> {
  const scan = await admin.doc.send(new ScanCommand({ TableName: tableName('bookings', prefix), ConsistentRead: true }));
  const active = (scan.Items ?? []).map((item) => slotBookingOf(item)).filter((b) => b && b.status !== 'cancelled' && b.status !== 'completed' && !b.deleted && !b.overrides?.length);
  const found: string[] = [];
  for (const [i, a] of active.entries()) {
    for (const b of active.slice(i + 1)) {
      if (a && b && slotResourceValue(a, 'aircraft') === slotResourceValue(b, 'aircraft') && intervalsOverlap(bookingInterval(a), bookingInterval(b))) found.push(`${a.bookingId}~${b.bookingId}`);
    }
  }
  return found;
}

describe('resource days on DynamoDB Local: no double booking across desks', () => {
  it('four desks book N172PF at 10:00 at once: one gets it, the others get a clash naming that booking, and the day holds one slot', async () => {
    const outcomes = await Promise.all(desks.map((desk) => push([create(`race-${desk.id}`, desk.id)], desk).then(([outcome]) => outcome as PushOutcome)));
    const applied = outcomes.filter((outcome) => outcome.status === 'applied');
    expect(applied).toHaveLength(1);
    const winner = (applied[0] as { item: ServerItem }).item.bookingId;
    for (const outcome of outcomes.filter((o) => o.status !== 'applied')) {
      expect(outcome).toMatchObject({ status: 'conflict', reason: 'clash', server: null, clashes: [{ resource: 'aircraft', value: 'N172PF', date: '2026-12-02', other: { bookingId: winner, start: 600, end: 660 } }] });
    }
    expect((await day(resourceDayId('aircraft', 'N172PF', '2026-12-02')))?.slots.map((slot) => slot.bookingId)).toEqual([winner]);
    expect(await overlapsOnServer()).toEqual([]);
  });

  it('a spelling of the same registration clashes; the next hour, another aircraft or a cancelled booking does not; a cancel frees the slot', async () => {
    const [first] = await push([create('s-first', 'A', { bookingDate: '2026-12-03' })]);
    expect(first?.status).toBe('applied');
    const [spelled] = await push([create('s-spelled', 'B', { bookingDate: '2026-12-03', bookingTime: '10:30', details: { aircraft: 'n172pf ', duration: 30 } })], desks[1]);
    expect(spelled).toMatchObject({ status: 'conflict', reason: 'clash' });
    const fine = await push([
      create('s-next-hour', 'B', { bookingDate: '2026-12-03', bookingTime: '11:00' }),
      create('s-other-aircraft', 'B', { bookingDate: '2026-12-03', details: { aircraft: 'N738SP' } }),
      create('s-cancelled', 'B', { bookingDate: '2026-12-03', status: 'cancelled' }),
    ], desks[1]);
    expect(fine.map((outcome) => outcome.status)).toEqual(['applied', 'applied', 'applied']);
    const item = (first as { item: ServerItem }).item;
    const [cancelled] = await push([{ entity: 'bookings', updatedBy: 'desk A', kind: 'update', clientId: 'A', seq: ++seq, key: 's-first', expected: stampOf(item), changes: [
      { op: 'set', path: ['status'], value: 'cancelled', base: 'confirmed' },
      { op: 'set', path: ['cancellation'], value: { reason: 'weather', by: 'desk A', at: '2026-12-01T08:00:00.000Z' } },
    ] }]);
    expect(cancelled?.status).toBe('applied');
    expect((await day(resourceDayId('aircraft', 'N172PF', '2026-12-03')))?.slots.map((slot) => slot.bookingId)).toEqual(['s-next-hour']);
    const [taken] = await push([create('s-after-cancel', 'C', { bookingDate: '2026-12-03' })], desks[2]);
    expect(taken?.status).toBe('applied');
    // A change of notes only neither reads nor writes a day.
    const next = (taken as { item: ServerItem }).item;
    const before = await day(resourceDayId('aircraft', 'N172PF', '2026-12-03'));
    await push([{ entity: 'bookings', updatedBy: 'desk C', kind: 'update', clientId: 'C', seq: ++seq, key: 's-after-cancel', expected: stampOf(next), changes: [{ op: 'set', path: ['details', 'notes'], value: 'bring headset' }] }], desks[2]);
    expect((await day(resourceDayId('aircraft', 'N172PF', '2026-12-03')))?.version).toBe(before?.version);
  });

  it('moving a booking onto a taken slot is a clash and changes nothing; a move to a free time frees the old slot', async () => {
    await push([create('m-theirs', 'A', { bookingDate: '2026-12-04', bookingTime: '14:00' })]);
    const [mine] = await push([create('m-mine', 'B', { bookingDate: '2026-12-04', bookingTime: '09:00' })], desks[1]);
    const item = (mine as { item: ServerItem }).item;
    const move = (time: string): Mutation => ({ entity: 'bookings', updatedBy: 'desk B', kind: 'update', clientId: 'B', seq: ++seq, key: 'm-mine', expected: stampOf(item), changes: [{ op: 'set', path: ['bookingTime'], value: time, base: '09:00' }] });
    expect((await push([move('14:30')], desks[1]))[0]).toMatchObject({ status: 'conflict', reason: 'clash', server: { bookingId: 'm-mine', bookingTime: '09:00' } });
    const [moved] = await push([move('16:00')], desks[1]);
    expect(moved?.status).toBe('applied');
    expect((await day(resourceDayId('aircraft', 'N172PF', '2026-12-04')))?.slots.map((slot) => [slot.bookingId, slot.start])).toEqual([['m-theirs', 840], ['m-mine', 960]]);
  });

  it('a booking past midnight holds both days', async () => {
    const [late] = await push([create('n-late', 'A', { bookingDate: '2026-12-05', bookingTime: '23:30', details: { aircraft: 'N172PF', duration: 90 } })]);
    expect(late?.status).toBe('applied');
    expect((await push([create('n-early', 'B', { bookingDate: '2026-12-06', bookingTime: '00:30' })], desks[1]))[0]).toMatchObject({ status: 'conflict', reason: 'clash', clashes: [{ date: '2026-12-06', other: { bookingId: 'n-late', start: 0, end: 60 } }] });
  });

  it('a deliberate double booking goes through only where the school allows it, and is marked so', async () => {
    await push([create('d-first', 'A', { bookingDate: '2026-12-07' })]);
    const override = { rule: DOUBLE_BOOKING_RULE, by: 'Sam Staff', at: '2026-12-01T08:00:00.000Z', reason: 'two students share the flight', detail: 'Aircraft N172PF is already booked' };
    await admin.doc.send(new PutCommand({ TableName: tableName('resources', prefix), Item: { resourceId: SCHOOL_SETTINGS_ID, resourceType: 'school-settings', ...defaultSchoolSettings('UTC'), doubleBooking: { allowed: false, roles: [] }, createdAt: '2026-12-01T00:00:00.000Z' } }));
    expect((await push([create('d-refused', 'B', { bookingDate: '2026-12-07', overrides: [override] })], desks[1]))[0]).toMatchObject({ status: 'conflict', reason: 'clash' });
    await admin.doc.send(new PutCommand({ TableName: tableName('resources', prefix), Item: { resourceId: SCHOOL_SETTINGS_ID, resourceType: 'school-settings', ...defaultSchoolSettings('UTC'), doubleBooking: { allowed: true, roles: ['admin'] }, createdAt: '2026-12-01T00:00:00.000Z' } }));
    expect((await push([create('d-shared', 'B', { bookingDate: '2026-12-07', overrides: [override] })], desks[1]))[0]?.status).toBe('applied');
    expect((await day(resourceDayId('aircraft', 'N172PF', '2026-12-07')))?.slots).toEqual([
      expect.objectContaining({ bookingId: 'd-first' }),
      expect.objectContaining({ bookingId: 'd-shared', deliberate: true }),
    ]);
  });

  it('under lost responses, throttling and resets, desks racing for the same slots end with no overlap, and each write once', async () => {
    for (const desk of desks) desk.connection.faults.setProbabilities({ lostResponse: 0.2, throttling: 0.05, connectionReset: 0.05 });
    const pending = new Map<string, Mutation>();
    for (const desk of desks) for (let hour = 8; hour < 14; hour++) pending.set(`f-${desk.id}-${hour}`, create(`f-${desk.id}-${hour}`, desk.id, { bookingDate: '2026-12-08', bookingTime: `${String(hour).padStart(2, '0')}:${desk.id === 'A' ? '00' : '30'}` }));
    const ended = new Map<string, PushOutcome['status']>();
    for (let round = 0; round < 40 && pending.size > 0; round++) {
      await Promise.all(desks.map(async (desk) => {
        const mine = [...pending.values()].filter((mutation) => mutation.clientId === desk.id);
        if (mine.length === 0) return;
        const outcomes = await push(mine, desk).catch(() => []);
        for (const outcome of outcomes) {
          const mutation = mine.find((m) => m.seq === outcome.seq)!;
          if (outcome.status === 'applied' || outcome.status === 'merged' || outcome.status === 'conflict') {
            ended.set(mutation.key, outcome.status === 'conflict' ? 'conflict' : 'applied');
            pending.delete(mutation.key);
          }
        }
      }));
    }
    for (const desk of desks) desk.connection.faults.disable();
    expect(pending.size).toBe(0);
    // Twelve half-hour starts of hour-long flights: whichever win, no slot is left free beside them, so at least
    // a third of them (a smallest maximal set of non-overlapping ones) get through.
    expect([...ended.values()].filter((status) => status === 'applied').length).toBeGreaterThanOrEqual(4);
    expect(await overlapsOnServer()).toEqual([]);
    // The day holds exactly the bookings the server holds, each once.
    const held = (await day(resourceDayId('aircraft', 'N172PF', '2026-12-08')))?.slots.map((slot) => slot.bookingId).sort();
    expect(held).toEqual([...ended].filter(([, status]) => status === 'applied').map(([key]) => key).sort());
  });

  it('the initial sync Scan leaves the resource days out', async () => {
    const raw = await admin.doc.send(new ScanCommand({ TableName: tableName('resources', prefix), ConsistentRead: true }));
    expect((raw.Items ?? []).filter((item) => String(item.resourceId).startsWith('day#')).length).toBeGreaterThan(5);
    const page = await scanPage({ clients: admin, prefix }, { entity: 'resources', segment: 0, totalSegments: 1, exclusiveStartKey: null, limit: 1000 });
    // Without the filter they would arrive, each quarantined as a resource of no known type.
    expect([...page.items, ...page.quarantined.map((entry) => entry.item)].filter((item) => String(item.resourceId).startsWith('day#'))).toEqual([]);
  });
});

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DoubleBookingPolicySchema, SCHOOL_SETTINGS_ID } from '@shared/models';
import { applyChanges } from '@shared/sync/changes';
import type { Mutation, ServerItem } from '@shared/sync/protocol';
import { changesSlots, daySlotsOf, planSlots, savedOverClash, slotBookingOf, type SlotClash } from '@shared/slots';
import { tableName } from '@shared/tables';
import type { AwsClients } from '../aws/clients';
import type { TransactItem } from '../history/record';
import { dayWriteItems, readDays } from './days';

/** Whether main must read and write a booking mutation's resource days (only a change that can move a slot costs them). */
export function movesSlots(mutation: Mutation): boolean {
  if (mutation.entity !== 'bookings') return false;
  return mutation.kind !== 'update' || changesSlots(mutation.changes.map((change) => change.path));
}

/** The days to write with a booking's change, or the clashes that refuse it. */
export type SlotPlan = { clashes: SlotClash[]; writes: TransactItem[] };

/**
 * Reads the days the booking leaves and takes (strongly consistent) and plans their new slots. `current` is the
 * booking as the server holds it now (null for a create). A clash is let through only when the booking records
 * "Save anyway" for it and the school's settings allow double bookings; its slots are then marked deliberate.
 */
export async function planBookingSlots(clients: AwsClients, prefix: string, mutation: Mutation, current: ServerItem | null): Promise<SlotPlan> {
  const before = slotBookingOf(current);
  const afterItem = mutation.kind === 'create' ? { ...mutation.item, bookingId: mutation.key } : mutation.kind === 'update' && current ? applyChanges(current, mutation.changes) : null;
  const after = slotBookingOf(afterItem);
  const ids = new Set([...daySlotsOf(before).keys(), ...daySlotsOf(after).keys()]);
  if (ids.size === 0) return { clashes: [], writes: [] };
  const read = await readDays(clients, prefix, ids);
  const slots = new Map([...read].map(([id, day]) => [id, day.slots]));
  let plan = planSlots(before, after, slots);
  if (plan.clashes.length > 0 && savedOverClash(after) && (await doubleBookingAllowed(clients, prefix))) plan = planSlots(before, after, slots, true);
  return { clashes: plan.clashes, writes: plan.clashes.length > 0 ? [] : dayWriteItems(prefix, plan.writes, read, clients.clock.nowIso()) };
}

async function doubleBookingAllowed(clients: AwsClients, prefix: string): Promise<boolean> {
  const read = await clients.doc.send(new GetCommand({ TableName: tableName('resources', prefix), Key: { resourceId: SCHOOL_SETTINGS_ID }, ConsistentRead: true }));
  const policy = DoubleBookingPolicySchema.safeParse(read.Item?.doubleBooking);
  return policy.success && policy.data.allowed;
}

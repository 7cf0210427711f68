import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { bySlotOrder, daySlotsOf, intervalsOverlap, RESOURCE_DAY_PREFIX, RESOURCE_DAY_TYPE, ResourceDaySchema, savedOverClash, slotBookingOf, type DaySlot } from '@shared/slots';
import { tableName } from '@shared/tables';
import type { AwsClients } from '../aws/clients';

/**
 * Re-derives every resource day from the bookings (README.md, "No double booking") and reports where the
 * server's days drifted from them: a day missing, holding a slot no booking has, or not fitting its schema.
 * With `apply`, each drifted day is written again from the bookings, conditioned on the version read (a desk
 * that moved a slot meanwhile wins; run again). Bookings that overlap on an aircraft or instructor without a
 * deliberate save (written before the days existed, or by another tool) are listed for the office.
 */
export type SlotDrift = { resourceId: string; problem: 'missing' | 'extra' | 'differs' | 'invalid' };
export type SlotReconcileReport = { dryRun: boolean; bookings: number; days: number; drift: SlotDrift[]; rewritten: number; changedMeanwhile: number; overlaps: Array<{ resourceId: string; bookings: [string, string] }> };

async function scanAll(clients: AwsClients, input: ConstructorParameters<typeof ScanCommand>[0]): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await clients.doc.send(new ScanCommand({ ...input, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...((page.Items ?? []) as Array<Record<string, unknown>>));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const slotKey = (slot: DaySlot) => `${slot.bookingId}\u0000${slot.start}\u0000${slot.end}`;

export async function reconcileSlots({ clients, prefix, apply }: { clients: AwsClients; prefix: string; apply: boolean }): Promise<SlotReconcileReport> {
  const bookings = await scanAll(clients, { TableName: tableName('bookings', prefix) });
  const derived = new Map<string, DaySlot[]>();
  for (const item of bookings) {
    const booking = slotBookingOf(item);
    for (const [id, { slot }] of daySlotsOf(booking, savedOverClash(booking))) derived.set(id, [...(derived.get(id) ?? []), slot]);
  }
  const stored = new Map<string, { version: number; slots: DaySlot[] | null }>();
  for (const item of await scanAll(clients, { TableName: tableName('resources', prefix), FilterExpression: 'begins_with(#id, :day)', ExpressionAttributeNames: { '#id': 'resourceId' }, ExpressionAttributeValues: { ':day': RESOURCE_DAY_PREFIX } })) {
    const parsed = ResourceDaySchema.safeParse(item);
    stored.set(String(item.resourceId), { version: typeof item.version === 'number' ? item.version : 0, slots: parsed.success ? parsed.data.slots : null });
  }
  const drift: SlotDrift[] = [];
  const overlaps: SlotReconcileReport['overlaps'] = [];
  for (const id of new Set([...derived.keys(), ...stored.keys()])) {
    const want = (derived.get(id) ?? []).sort(bySlotOrder);
    const have = stored.get(id);
    const problem = !have ? (want.length > 0 ? 'missing' : null) : have.slots === null ? 'invalid' : want.map(slotKey).join('\n') === [...have.slots].sort(bySlotOrder).map(slotKey).join('\n') ? null : want.length === 0 ? 'extra' : 'differs';
    if (problem) drift.push({ resourceId: id, problem });
    want.forEach((slot, i) => {
      for (const other of want.slice(i + 1)) if (!slot.deliberate && !other.deliberate && intervalsOverlap(slot, other)) overlaps.push({ resourceId: id, bookings: [slot.bookingId, other.bookingId] });
    });
  }
  let rewritten = 0;
  let changedMeanwhile = 0;
  if (apply) {
    const updatedAt = clients.clock.nowIso();
    for (const { resourceId } of drift) {
      const version = stored.get(resourceId)?.version ?? 0;
      try {
        await clients.doc.send(new PutCommand({
          TableName: tableName('resources', prefix),
          Item: { resourceId, resourceType: RESOURCE_DAY_TYPE, slots: derived.get(resourceId) ?? [], version: version + 1, updatedAt },
          ...(stored.has(resourceId) ? { ConditionExpression: '#version = :version OR attribute_not_exists(#version)', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': version } } : { ConditionExpression: 'attribute_not_exists(resourceId)' }),
        }));
        rewritten += 1;
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        changedMeanwhile += 1;
      }
    }
  }
  return { dryRun: !apply, bookings: bookings.length, days: stored.size, drift, rewritten, changedMeanwhile, overlaps };
}

import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { fromSdkItem } from '@main/aws/clients';
import { seededRandom } from '@shared/random';
import { pushMutations } from '@main/sync/push';
import { valueAt } from '@shared/sync/changes';
import type { FieldChange, Mutation, PushOutcome, ServerItem } from '@shared/sync/protocol';
import { stampOf } from '@shared/sync/versions';
import { historyTableName, tableName } from '@shared/tables';
import { tapWrites, type WriteImage } from '@test/integration/sync/harness';
import { itemImages } from '@test/support/sync-verdict';
import { useSyncTables } from './sync-fixture';
import { aBooking } from '@test/support/builders';

const { connect, prefix } = useSyncTables();

type Client = { id: string; seq: number; known: Map<string, ServerItem>; pending: Mutation[]; connection: ReturnType<typeof connect> };

const FIELDS: Array<{ path: FieldChange['path']; values: string[] }> = [
  { path: ['status'], values: ['pending', 'confirmed', 'completed', 'cancelled'] },
  { path: ['bookingTime'], values: ['08:00', '09:30', '14:00'] },
  { path: ['details', 'notes'], values: ['a', 'b', 'c'] },
  { path: ['serviceType'], values: ['training', 'checkride'] },
];

describe('push under injected faults (seeded)', () => {
  it('every mutation is written at most once, ends applied or as a conflict, versions never repeat, tombstones stay', async () => {
    const random = seededRandom(20261125);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const images: WriteImage[] = [];
    const clients: Client[] = ['A', 'B', 'C'].map((id) => {
      const connection = connect({ clockSkewMs: (random() - 0.5) * 4 * 3600_000 });
      connection.faults.setProbabilities({ lostResponse: 0.15, throttling: 0.05, internalError: 0.05, connectionReset: 0.05, provisionedThroughputExceeded: 0.03 });
      tapWrites(connection.clients.dynamo, prefix, images, 'app');
      return { id, seq: 0, known: new Map(), pending: [], connection };
    });
    const keys = Array.from({ length: 6 }, (_, i) => `fz-${i}`);
    const settled = new Map<string, PushOutcome['status']>();

    const makeMutation = (client: Client): Mutation | null => {
      const key = pick(keys);
      const known = client.known.get(key);
      const header = { clientId: client.id, seq: ++client.seq, entity: 'bookings' as const, key, updatedBy: client.id };
      if (!known) {
        return { ...header, kind: 'create', item: aBooking({ bookingId: key, userId: 'u', serviceType: 'training', details: { notes: 'a' } }) };
      }
      if (known.deleted === true) return null;
      const expected = { version: stampOf(known).version, updatedAt: stampOf(known).updatedAt };
      if (random() < 0.08) return { ...header, kind: 'delete', expected };
      const field = pick(FIELDS);
      const base = valueAt(known, field.path);
      return { ...header, kind: 'update', expected, changes: [{ op: 'set', path: field.path, value: pick(field.values), ...(base === undefined ? {} : { base }) }] };
    };

    const pushPending = async (client: Client) => {
      if (client.pending.length === 0) return;
      const outcomes = await pushMutations({ clients: client.connection.clients, prefix }, client.pending);
      const still: Mutation[] = [];
      client.pending.forEach((mutation, i) => {
        const outcome = outcomes[i] as PushOutcome;
        if (outcome.status === 'retry' || outcome.status === 'blocked') {
          still.push(mutation);
          return;
        }
        settled.set(`${client.id}:${mutation.seq}`, outcome.status);
        if (outcome.status === 'applied' || outcome.status === 'merged') client.known.set(mutation.key, outcome.item);
        if (outcome.status === 'conflict' && outcome.server) client.known.set(mutation.key, outcome.server);
      });
      client.pending = still;
    };

    let made = 0;
    for (let round = 0; round < 60; round++) {
      for (const client of clients) {
        // One mutation per item at a time, as a client whose edits are made on what it last saw.
        const mutation = makeMutation(client);
        if (mutation && !client.pending.some((p) => p.key === mutation.key)) {
          client.pending.push(mutation);
          made++;
        } else if (mutation) client.seq--;
      }
      await Promise.all(clients.map(pushPending));
    }
    for (const client of clients) client.connection.faults.disable();
    for (let drain = 0; drain < 10 && clients.some((c) => c.pending.length > 0); drain++) await Promise.all(clients.map(pushPending));

    // Nothing lost: every mutation made ended applied, merged or as a conflict shown to its user.
    expect(clients.every((c) => c.pending.length === 0)).toBe(true);
    expect(settled.size).toBe(made);
    expect([...settled.values()].every((status) => ['applied', 'merged', 'conflict'].includes(status))).toBe(true);
    // Faults really happened, lost responses among them.
    expect(clients.reduce((n, c) => n + c.connection.faults.counts.lostResponse, 0)).toBeGreaterThan(0);
    // Exactly once: each (client, seq) produced one write with one history entry; each item's versions never repeat.
    const entries = images.flatMap((write) => ('entry' in write ? [write.entry] : []));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBe(images.length);
    const mutationIds = entries.map((entry) => entry.mutationId);
    expect(new Set(mutationIds).size).toBe(mutationIds.length);
    const versions = entries.map((entry) => `${entry.key}:${entry.version}`);
    expect(new Set(versions).size).toBe(versions.length);
    // The history table holds exactly those entries, each once.
    const stored = await clients[0]?.connection.clients.doc.send(new ScanCommand({ TableName: historyTableName(prefix), ConsistentRead: true }));
    expect((stored?.Items ?? []).map((item) => String(item.mutationId)).sort()).toEqual([...mutationIds].sort());
    // A tombstone never comes back; the server holds each item's newest write, exactly as its history rebuilds it.
    const rebuilt = itemImages(images);
    const scan = await clients[0]?.connection.clients.doc.send(new ScanCommand({ TableName: tableName('bookings', prefix), ConsistentRead: true }));
    for (const item of (scan?.Items ?? []).map((raw) => fromSdkItem(raw))) {
      const history = rebuilt.get(`bookings/${String(item.bookingId)}`) ?? [];
      const firstTombstone = history.findIndex((image) => image.deleted === true);
      if (firstTombstone >= 0) expect(history.slice(firstTombstone).every((image) => image.deleted === true)).toBe(true);
      expect(item).toEqual(history.at(-1));
    }
  });
});

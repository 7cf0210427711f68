import { Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useLiveQuery } from 'dexie-react-hooks';
import { useConflicts, useDb, useQuarantine, type OutboxEntry } from '@renderer/db';
import { useMirror, useNameOf } from '@renderer/common/data';
import { changeSummary, itemTitle } from '@renderer/common/item-title';
import { AsStored } from '@renderer/common/AsStored';
import { SyncStateBadge } from '@renderer/common/SyncStateBadge';
import { useServices } from '@renderer/common/services';
import { useSession } from '@renderer/common/session';
import { EmptyView, LoadingState } from '@renderer/common/states';
import { handled } from '@renderer/common/failures';
import { discardRejected, resolveConflict } from '@renderer/sync';
import { formatInstant } from '@renderer/common/time-zone';
import { itemKey } from '@shared/sync';
import { ConflictCard } from './ConflictCard';
import { countOf } from '@renderer/common/labels';

/**
 * Pending changes with their state and errors, the conflicts inbox, and quarantined server items.
 * `conflict` (a change's sequence, from a booking's link) is scrolled to and marked.
 */
export function SyncScreen({ conflict: shown }: { conflict?: string | undefined } = {}) {
  const db = useDb();
  const { sync } = useServices();
  const { who, timeZone } = useSession();
  const [discarding, setDiscarding] = useState<number | undefined>();
  const outbox = useLiveQuery(() => db.outbox.orderBy('seq').toArray(), [db]);
  const conflicts = useConflicts();
  const quarantine = useQuarantine();
  const loaded = conflicts !== undefined;
  useEffect(() => {
    if (loaded && shown) document.getElementById(conflictAnchor(shown))?.scrollIntoView({ block: 'start' });
  }, [loaded, shown]);
  const nameOf = useNameOf();
  const mirrors = { bookings: useMirror('bookings'), users: useMirror('users'), assets: useMirror('assets'), resources: useMirror('resources') };
  /** The change's item as this desk has it (a deleted one as its create wrote it, if it was one). */
  const itemOf = (entry: OutboxEntry) => (mirrors[entry.entity].items.get(entry.key) as Record<string, unknown> | undefined) ?? (entry.mutation.kind === 'create' ? entry.mutation.item : undefined);

  if (!outbox || !conflicts || !quarantine) return <LoadingState />;
  const waiting = outbox.filter((entry) => entry.state !== 'parked-conflict');

  const retry = async (seq: number) => {
    await db.outbox.update(seq, { notBefore: 0 });
    sync?.syncNow();
  };
  const discard = async (seq: number) => {
    await discardRejected(db, seq);
    setDiscarding(undefined);
    notifications.show({ message: 'Change discarded' });
  };

  return (
    <Stack>
      <Modal opened={discarding !== undefined} onClose={() => setDiscarding(undefined)} title="Discard this change?">
        <Text size="sm">The server refused it, so it will never sync as it is. Discarding it shows the server's version again; this cannot be undone.</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDiscarding(undefined)}>
            Keep it
          </Button>
          <Button color="red" onClick={() => discarding !== undefined && handled(discard, 'Not discarded')(discarding)}>
            Discard change
          </Button>
        </Group>
      </Modal>
      <Paper withBorder p="md" component="section" aria-label="Pending changes">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            Pending changes ({waiting.length})
          </Title>
          <Button size="xs" onClick={() => sync?.syncNow()} disabled={!sync}>
            Sync now
          </Button>
        </Group>
        {waiting.length === 0 ? (
          <Text size="sm" c="dimmed">
            Every change made here is on the server.
          </Text>
        ) : (
          <Table aria-label="Outbox">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Change</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Made</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Last error</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {waiting.map((entry) => (
                <Table.Tr key={entry.seq} data-testid="outbox-row">
                  <Table.Td>
                    {itemTitle(entry.entity, itemOf(entry), nameOf)} — {changeSummary(entry.mutation)}
                  </Table.Td>
                  <Table.Td>{entry.mutation.updatedBy}</Table.Td>
                  <Table.Td>{formatInstant(entry.createdAt, timeZone)}</Table.Td>
                  <Table.Td>
                    <SyncStateBadge state={entry.state === 'parked-rejected' ? 'refused' : entry.state === 'in-flight' ? 'sending' : 'waiting'} />
                    {entry.attempts ? <Text size="xs">{countOf(entry.attempts, 'attempt')}</Text> : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{entry.lastError ?? ''}</Text>
                  </Table.Td>
                  <Table.Td>
                    {entry.state === 'parked-rejected' ? (
                      <Button size="compact-xs" color="red" variant="light" onClick={() => setDiscarding(entry.seq)}>
                        Discard
                      </Button>
                    ) : (
                      <Button size="compact-xs" variant="default" onClick={handled(() => retry(entry.seq), 'Not retried')}>
                        Retry now
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <section aria-label="Conflicts">
        <Title order={2} size="h4" mb="sm">
          Conflicts ({conflicts.length})
        </Title>
        {conflicts.length === 0 ? (
          <EmptyView title="No conflicts" description="When someone else changes what you changed, it shows here for you to decide." />
        ) : (
          <Stack>
            {conflicts.map((conflict) => (
              <div key={conflict.seq} id={conflictAnchor(String(conflict.seq))} data-shown={String(conflict.seq) === shown || undefined} className="pf-conflict">
              <ConflictCard
                conflict={conflict}
                myName={who}
                nameOf={nameOf}
                timeZone={timeZone}
                onResolve={async (choice) => {
                  await resolveConflict(db, conflict.seq, choice, who);
                  notifications.show({ message: 'Conflict resolved', color: 'teal' });
                  sync?.syncNow();
                }}
              />
              </div>
            ))}
          </Stack>
        )}
      </section>
      <Paper withBorder p="md" component="section" aria-label="Quarantined items">
        <Title order={2} size="h4" mb="sm">
          Quarantined items ({quarantine.length})
        </Title>
        {quarantine.length === 0 ? (
          <Text size="sm" c="dimmed">
            Every item on the server fits the app's schema.
          </Text>
        ) : (
          <Stack>
            {quarantine.map((record) => (
              <div key={itemKey(record)}>
                <Text size="sm" fw={600}>
                  {itemTitle(record.entity, record.item as Record<string, unknown>, nameOf)}
                </Text>
                <Text size="sm" c="red">
                  {record.reason}
                </Text>
                <AsStored item={record.item} />
              </div>
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

function conflictAnchor(seq: string): string {
  return `conflict-${seq}`;
}

import { Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { ENTITY_NAMES, type EntityName } from '@shared/models';
import { useDb } from '@renderer/db';
import type { SyncStatus } from '@renderer/sync';
import { timeLeftText } from '@renderer/common/labels';
import { tableProgress, type TableProgress } from './first-sync';

/**
 * The tables this desk has synced once (their delta checkpoint exists: it is written when the initial
 * Scan is complete), live; undefined while loading.
 */
export function useSyncedTables(): ReadonlySet<EntityName> | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const checkpoints = await db.checkpoints.bulkGet(ENTITY_NAMES.map((entity) => `delta:${entity}`));
    return new Set(ENTITY_NAMES.filter((_, index) => checkpoints[index] !== undefined));
  }, [db]);
}

const TABLE_NAMES: Record<EntityName, string> = { resources: 'School settings', users: 'People', bookings: 'Bookings', assets: 'Files' };

/**
 * First start, before "Who is working?": the first sync's progress, table by table (items so far, the
 * time left once it can be estimated), so nobody picks from a list still filling or creates an admin
 * the school already has. The loop reports one table at a time; this view keeps each table's latest.
 */
export function FirstSyncView({ status, synced, now = Date.now }: { status: SyncStatus | undefined; synced: ReadonlySet<EntityName>; now?: () => number }) {
  const startedAt = useRef(new Map<EntityName, number>());
  const [tables, setTables] = useState<ReadonlyMap<EntityName, TableProgress>>(new Map());
  const progress = status?.initialSync;
  useEffect(() => {
    if (!progress) return;
    const started = startedAt.current.get(progress.entity) ?? startedAt.current.set(progress.entity, now()).get(progress.entity)!;
    setTables((current) => new Map(current).set(progress.entity, tableProgress(progress, now() - started)));
  }, [progress, now]);

  const offline = status?.state === 'offline';
  const failed = status?.state === 'error';
  return (
    <Modal opened onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} title="Getting the school’s data" centered>
      <Stack aria-label="First sync" role="status">
        {offline ? (
          <Text size="sm" c="orange">
            This desk cannot reach the server. It carries on by itself when the connection returns; the staff list appears once the people are here.
          </Text>
        ) : failed ? (
          <Text size="sm" c="red">
            The first sync stopped: {status.error}. It is tried again every minute; ask whoever set up this desk if it keeps failing.
          </Text>
        ) : (
          <Text size="sm">This desk is copying the school’s data from the server, once. Who is working is asked as soon as the people are here.</Text>
        )}
        <Table aria-label="Tables">
          <Table.Tbody>
            {(Object.keys(TABLE_NAMES) as EntityName[]).map((entity) => {
              const table = tables.get(entity);
              return (
                <Table.Tr key={entity} data-testid={`first-sync-${entity}`}>
                  <Table.Td>{TABLE_NAMES[entity]}</Table.Td>
                  <Table.Td>{table ? `${table.items.toLocaleString('en')} ${table.items === 1 ? 'item' : 'items'}` : synced.has(entity) ? '' : 'waiting'}</Table.Td>
                  <Table.Td>
                    {synced.has(entity) || table?.done ? 'done' : table?.secondsLeft !== undefined ? timeLeftText(table.secondsLeft) : table ? <Loader size="xs" aria-label="Reading" /> : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Modal>
  );
}

import { Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { formatDistanceStrict } from 'date-fns';

/** What the header shows about sync; the sync client's status maps onto it. */
export type SyncIndicatorStatus = {
  online: boolean;
  syncing: boolean;
  pending: number;
  conflicts: number;
  lastSyncedAt?: string | undefined;
  error?: string | undefined;
};

/** Always visible in the header: online or offline, pending changes, conflicts, last synced, "Sync now". */
export function SyncIndicator({ status, onSyncNow, now = new Date() }: { status: SyncIndicatorStatus; onSyncNow: () => void; now?: Date }) {
  const lastSynced = status.lastSyncedAt ? formatDistanceStrict(new Date(status.lastSyncedAt), now, { addSuffix: true }) : 'never';
  const connection = status.online ? (status.syncing ? 'Syncing' : 'Online') : 'Offline';
  return (
    <Group gap="xs" wrap="nowrap" role="status" aria-label="Sync status" data-testid="sync-indicator">
      <Badge color={status.online ? (status.error ? 'orange' : 'teal') : 'gray'} variant="light" title={status.error}>
        {connection}
      </Badge>
      <Tooltip label="Changes saved here that the server has not confirmed yet">
        <Badge color={status.pending ? 'blue' : 'gray'} variant="outline" data-testid="pending-count">
          {status.pending} pending
        </Badge>
      </Tooltip>
      {status.conflicts > 0 ? (
        <Badge color="red" variant="filled" component="a" href="#/sync" style={{ cursor: 'pointer' }}>
          {status.conflicts} {status.conflicts === 1 ? 'conflict' : 'conflicts'}
        </Badge>
      ) : null}
      <Text size="xs" c="dimmed" title={status.lastSyncedAt ?? undefined}>
        Last synced {lastSynced}
      </Text>
      <Button size="compact-xs" variant="default" onClick={onSyncNow} loading={status.syncing} disabled={!status.online}>
        Sync now
      </Button>
    </Group>
  );
}

import { Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { formatDistanceStrict } from 'date-fns';
import type { SyncStatus } from '../sync';
import { countOf } from '@renderer/common/labels';

/**
 * Always visible in the header: online or offline, pending changes, conflicts, last synced, "Sync now".
 * `online`: whether main reaches the backend; the loop's own offline state counts too.
 */
export function SyncIndicator({ status: sync, online, onSyncNow, now = new Date() }: { status: SyncStatus | undefined; online: boolean; onSyncNow: () => void; now?: Date }) {
  const status = {
    online: online && sync?.state !== 'offline',
    syncing: sync?.state === 'syncing',
    pending: sync?.pending ?? 0,
    conflicts: sync?.conflicts ?? 0,
    lastSyncedAt: sync?.lastSyncedAt ?? undefined,
    error: sync?.error ?? undefined,
  };
  const lastSynced = status.lastSyncedAt ? formatDistanceStrict(new Date(status.lastSyncedAt), now, { addSuffix: true }) : 'never';
  const connection = status.online ? (status.syncing ? 'Syncing' : 'Online') : 'Offline';
  return (
    <Group gap="xs" wrap="nowrap" role="status" aria-label="Sync status" data-testid="sync-indicator">
      <Badge color={status.online ? (status.error ? 'orange' : 'teal') : 'gray'} variant="filled" title={status.error}>
        {connection}
      </Badge>
      <Tooltip label="Changes saved here that the server has not confirmed yet">
        <Badge color={status.pending ? 'blue' : 'gray'} variant="outline" data-testid="pending-count">
          {status.pending} pending
        </Badge>
      </Tooltip>
      {status.conflicts > 0 ? (
        <Badge color="red" variant="filled" component="a" href="#/sync" style={{ cursor: 'pointer' }}>
          {countOf(status.conflicts, 'conflict')}
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

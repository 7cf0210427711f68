import { Badge } from '@mantine/core';

/** Where a change stands with the server (not a booking's status: that is a filled badge in words of its own). */
export type SyncState = 'synced' | 'waiting' | 'sending' | 'refused' | 'conflict';

const LOOK: Record<SyncState, { label: string; color: string; icon: string }> = {
  synced: { label: 'Synced', color: 'teal', icon: 'M3 8.5l3 3 7-7' },
  waiting: { label: 'Not yet sent', color: 'blue', icon: 'M8 2.5a5.5 5.5 0 1 0 5.5 5.5M8 5v3l2 1.5' },
  sending: { label: 'Sending', color: 'blue', icon: 'M8 13V3M4 7l4-4 4 4' },
  refused: { label: 'Refused by the server', color: 'red', icon: 'M8 3v6M8 12v1' },
  conflict: { label: 'Conflict', color: 'red', icon: 'M8 3v6M8 12v1' },
};

/**
 * A sync state as every screen shows it: a small outlined badge with an icon (a booking's status is a
 * filled badge with no icon), so "not synced" never reads like a booking's "Pending".
 */
export function SyncStateBadge({ state, testId }: { state: SyncState; testId?: string }) {
  const look = LOOK[state];
  return (
    <Badge
      size="sm"
      variant="outline"
      color={look.color}
      data-testid={testId}
      leftSection={
        <svg width="12" height="12" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
          <path d={look.icon} />
        </svg>
      }
    >
      {look.label}
    </Badge>
  );
}

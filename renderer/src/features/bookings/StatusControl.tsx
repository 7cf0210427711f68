import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { BookingStatus } from '@shared/models';
import { handled } from '@renderer/common/failures';
import { nextStatuses, planStatusChange, STATUS_LABELS, type StatusChanges } from './status-workflow';

const ACTION_LABELS: Record<BookingStatus, string> = {
  pending: 'Mark pending',
  confirmed: 'Confirm',
  completed: 'Mark completed',
  cancelled: 'Cancel booking',
};

/**
 * The workflow's next steps for one booking as buttons; cancelling asks for the reason, which is
 * recorded with who and when.
 */
export function StatusControl({ status, who, onChange }: { status: BookingStatus; who: string; onChange: (changes: StatusChanges) => Promise<void> | void }) {
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const next = nextStatuses(status);

  const apply = async (to: BookingStatus, why?: string) => {
    const plan = planStatusChange(status, to, { who, now: new Date(), ...(why === undefined ? {} : { reason: why }) });
    if (!plan.ok) {
      setError(plan.error);
      return false;
    }
    setError(undefined);
    await onChange(plan.changes);
    return true;
  };

  if (next.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {STATUS_LABELS[status]}: no further steps.
      </Text>
    );
  }
  return (
    <>
      <Group gap="xs">
        {next.map((to) => (
          <Button
            key={to}
            size="xs"
            variant={to === 'cancelled' ? 'light' : 'filled'}
            color={to === 'cancelled' ? 'red' : undefined}
            onClick={() => (to === 'cancelled' ? setCancelling(true) : handled(apply, 'Status not changed')(to))}
          >
            {ACTION_LABELS[to]}
          </Button>
        ))}
      </Group>
      <Modal opened={cancelling} onClose={() => setCancelling(false)} title="Cancel this booking">
        <Stack>
          <Textarea
            label="Reason"
            description={`Recorded with your name (${who}) and the time.`}
            required
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={error}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)}>
              Keep booking
            </Button>
            <Button
              color="red"
              onClick={handled(async () => {
                if (await apply('cancelled', reason)) {
                  setCancelling(false);
                  setReason('');
                }
              }, 'Booking not cancelled')}
            >
              Cancel booking
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { BookingStatus } from '@shared/models';
import type { BookingItem } from '@renderer/common/items';
import { handled } from '@renderer/common/failures';
import { nextSteps, planStatusChange, STATUS_LABELS, type StatusChanges, type StatusStep } from './status-workflow';

const ACTION_LABELS: Record<BookingStatus, string> = {
  pending: 'Mark pending',
  confirmed: 'Confirm',
  completed: 'Mark completed',
  cancelled: 'Cancel booking',
};

/** The ways back, named for what they undo. */
const BACK_LABELS: Partial<Record<BookingStatus, { action: string; title: string }>> = {
  completed: { action: 'Undo completion', title: 'Undo the completion' },
  cancelled: { action: 'Reopen booking', title: 'Reopen this booking' },
};

/** A step asking for its reason: a cancel, or a step back. */
type Asking = { step: StatusStep; title: string; action: string };

/**
 * The steps that fit the booking now, as buttons: the workflow's next one (completion only once the
 * booking has started, in the school's zone), cancel, and the way back from completed or cancelled.
 * Cancelling and stepping back ask for the reason, recorded with who and when.
 */
export function StatusControl({
  booking,
  who,
  timeZone,
  onChange,
  refusal,
}: {
  booking: Pick<BookingItem, 'status' | 'bookingDate' | 'bookingTime'>;
  who: string;
  timeZone: string;
  onChange: (changes: StatusChanges) => Promise<void> | void;
  /** Why a step to this status may not be taken now (the booking's documents, checked again), if it may not. */
  refusal?: (to: BookingStatus) => string | undefined;
}) {
  const [asking, setAsking] = useState<Asking | undefined>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const now = new Date();
  const steps = nextSteps(booking, { now, timeZone });
  const waitsToComplete = booking.status === 'confirmed' && !steps.some((step) => step.to === 'completed');

  const apply = async (to: BookingStatus, why?: string) => {
    const refused = refusal?.(to);
    if (refused) {
      setError(refused);
      return false;
    }
    const plan = planStatusChange(booking, to, { who, now: new Date(), timeZone, ...(why === undefined ? {} : { reason: why }) });
    if (!plan.ok) {
      setError(plan.error);
      return false;
    }
    setError(undefined);
    await onChange(plan.changes);
    return true;
  };
  const ask = (step: StatusStep) => {
    const back = BACK_LABELS[booking.status];
    setError(undefined);
    setAsking(step.kind === 'back' && back ? { step, ...back } : { step, title: 'Cancel this booking', action: 'Cancel booking' });
  };
  const close = () => {
    setAsking(undefined);
    setReason('');
  };

  return (
    <>
      <Group gap="xs">
        {steps.length === 0 ? (
          <Text size="sm" c="dimmed">
            {STATUS_LABELS[booking.status]}: no further steps.
          </Text>
        ) : null}
        {steps.map((step) =>
          step.kind === 'forward' ? (
            <Button key={step.to} size="xs" onClick={() => handled(apply, 'Status not changed')(step.to)}>
              {ACTION_LABELS[step.to]}
            </Button>
          ) : (
            <Button key={step.to} size="xs" variant={step.kind === 'cancel' ? 'light' : 'default'} color={step.kind === 'cancel' ? 'red' : undefined} onClick={() => ask(step)}>
              {step.kind === 'cancel' ? ACTION_LABELS.cancelled : BACK_LABELS[booking.status]?.action}
            </Button>
          ),
        )}
        {waitsToComplete ? (
          <Text size="xs" c="dimmed">
            It can be marked completed once it starts ({booking.bookingDate} {booking.bookingTime}).
          </Text>
        ) : null}
      </Group>
      {error && !asking ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
      <Modal opened={asking !== undefined} onClose={close} title={asking?.title}>
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
            <Button variant="default" onClick={close}>
              {asking?.step.kind === 'cancel' ? 'Keep booking' : 'Leave it as it is'}
            </Button>
            <Button
              color={asking?.step.kind === 'cancel' ? 'red' : undefined}
              onClick={handled(async () => {
                if (asking && (await apply(asking.step.to, reason))) close();
              }, 'Status not changed')}
            >
              {asking?.action}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

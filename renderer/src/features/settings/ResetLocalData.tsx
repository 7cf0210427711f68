import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { downloadText } from '@renderer/common/download';
import { handled } from '@renderer/common/failures';
import { routeHref } from '@renderer/common/routes';
import { exportOutbox, resetLocalData, ResetRefusedError, unpushedChanges, type UnpushedChanges, useDb } from '@renderer/db';
import { countOf } from '@renderer/common/labels';

/** Starts the app again on the schedule: with the database gone, the start runs the first sync. */
function restartApp(): void {
  window.history.replaceState(null, '', routeHref({ screen: 'schedule' }));
  window.location.reload();
}

/** "3 changes not on the server yet: 2 waiting to be sent, 1 conflict to resolve." */
function unsentText(changes: UnpushedChanges): string {
  const parts = [
    [changes.pending, 'waiting to be sent'],
    [changes['in-flight'], 'being sent'],
    [changes['parked-conflict'], changes['parked-conflict'] === 1 ? 'conflict to resolve' : 'conflicts to resolve'],
    [changes['parked-rejected'], 'refused by the server'],
  ] as const;
  const detail = parts.filter(([count]) => count > 0).map(([count, what]) => `${count} ${what}`);
  return `This desk has ${countOf(changes.total, 'change')} not on the server yet: ${detail.join(', ')}.`;
}

/**
 * Reset local data: removes this desk's copy and syncs it again from the server. Refused while a change
 * is not on the server, unless the user first exports those changes to a file.
 */
export function ResetLocalData({ restart = restartApp }: { restart?: () => void }) {
  const db = useDb();
  const changes = useLiveQuery(() => unpushedChanges(db), [db]);
  const [exported, setExported] = useState<{ fingerprint: string; fileName: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const exportChanges = async () => {
    const file = await exportOutbox(db);
    downloadText(file.fileName, file.text, 'application/json');
    setExported({ fingerprint: file.changes.fingerprint, fileName: file.fileName });
    setRefusal(null);
  };
  const reset = async () => {
    try {
      await resetLocalData(db, exported?.fingerprint ?? null);
    } catch (error) {
      if (!(error instanceof ResetRefusedError)) throw error;
      setConfirming(false);
      setRefusal(error.message);
      return;
    }
    restart();
  };

  const exportedCurrent = changes !== undefined && exported !== null && exported.fingerprint === changes.fingerprint;
  const allowed = changes !== undefined && (changes.total === 0 || exportedCurrent);
  return (
    <Paper withBorder p="md" component="section" aria-label="Reset local data">
      <Title order={2} size="h4" mb="sm">
        Reset local data
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          Removes everything this desk keeps (its copy of the school's data, its queue of changes, who is working) and downloads it all again
          from the server. Use it after a restore of the server's data, or when this desk shows something the others do not.
        </Text>
        {changes === undefined ? null : changes.total === 0 ? (
          <Text size="sm" c="teal" data-testid="reset-state">
            Every change made on this desk is on the server: nothing is lost by a reset.
          </Text>
        ) : (
          <Alert color="orange" title="Not yet: changes would be lost" data-testid="reset-state">
            <Text size="sm">
              {unsentText(changes)} Let them sync or resolve them on the <Anchor href={routeHref({ screen: 'sync' })}>Sync</Anchor> screen first, or
              export them to a file to keep them.
            </Text>
            {exportedCurrent ? (
              <Text size="sm" mt="xs">
                Exported to {exported.fileName}. A reset now removes them from this desk.
              </Text>
            ) : exported ? (
              <Text size="sm" mt="xs">
                The changes moved on since the export: export them again.
              </Text>
            ) : null}
          </Alert>
        )}
        {refusal ? (
          <Alert color="red" role="alert">
            {refusal}
          </Alert>
        ) : null}
        <Group>
          {changes !== undefined && changes.total > 0 ? (
            <Button variant="default" onClick={handled(exportChanges, 'Changes not exported')}>
              Export unsent changes
            </Button>
          ) : null}
          <Button color="red" variant="light" disabled={!allowed} onClick={() => setConfirming(true)}>
            Reset local data…
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Reset local data?">
        <Text size="sm">
          This desk's copy is removed and the app starts again with the first sync, which can take a minute. Other desks and the server are not
          touched.
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            Keep this desk's data
          </Button>
          <Button color="red" onClick={handled(reset, 'Local data not reset')}>
            Reset and sync again
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}

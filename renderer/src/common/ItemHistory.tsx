import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { HistoryPage } from '@shared/api/history';
import { historyValue, historyValueText, type HistoryChange, type HistoryEntry } from '@shared/history/entry';
import type { EntityName } from '@shared/models';
import { entriesOf, isActive, readMeta, useDb, writeMeta } from '@renderer/db';
import { countOf, fieldLabel } from './labels';
import { valueWords } from './value-text';
import { useOnline, useServices } from './services';
import { formatInstant } from './time-zone';

/** Where a desk keeps the last page of an item's history it read, so the history shows offline too. */
const cacheKey = (entity: EntityName, key: string) => `history:${entity}#${key}`;

/** An item's history from main (README.md, "History"), re-read when the item changes; the last page read while offline. */
export function useItemHistory(entity: EntityName, key: string, version: number | undefined): { page: HistoryPage | null; problem: string | null } {
  const db = useDb();
  const { api } = useServices();
  const online = useOnline();
  const [page, setPage] = useState<HistoryPage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const notRead = () => setProblem('The history could not be read just now; it is shown as this desk last read it, and read again when the item changes.');
    readMeta<HistoryPage>(db, cacheKey(entity, key)).then((cached) => {
      if (current && cached) setPage((shown) => shown ?? cached);
    }, notRead);
    if (online) {
      api
        .invoke('history.list', { entity, key })
        .then(async (result) => {
          if (!current) return;
          if (!result.ok) return notRead();
          setProblem(null);
          setPage(result.value);
          await writeMeta(db, cacheKey(entity, key), result.value);
        })
        .catch(notRead);
    }
    return () => {
      current = false;
    };
  }, [api, db, entity, key, version, online]);
  return { page, problem };
}

function changeWords(change: HistoryChange, nameOf: (userId: string) => string): string {
  const label = fieldLabel(change.path);
  const side = (text: string | undefined, omitted: number | undefined) => (omitted !== undefined ? `a long value (${omitted.toLocaleString('en')} characters)` : valueWords(change.path, historyValue(text), nameOf));
  if (change.old === undefined && change.oldOmitted === undefined) return `${label}: set to ${side(change.new, change.newOmitted)}`;
  if (change.new === undefined && change.newOmitted === undefined) return `${label}: removed (was ${side(change.old, change.oldOmitted)})`;
  return `${label}: ${side(change.old, change.oldOmitted)} → ${side(change.new, change.newOmitted)}`;
}

const SOURCE_WORDS: Record<HistoryEntry['source'], string> = { desk: '', pf: ' (command line)', backfill: ' (data import)', reconcile: ' (nightly check)', upload: ' (upload)', restore: ' (restored from a backup)' };

function entryTitle(entry: HistoryEntry, timeZone: string): string {
  const what = entry.kind === 'create' ? 'Created' : entry.kind === 'delete' ? 'Deleted' : 'Changed';
  return `${what} by ${entry.updatedBy || 'someone'}${SOURCE_WORDS[entry.source]}, ${formatInstant(entry.updatedAt, timeZone)}`;
}

/**
 * The history of one item, newest first: this desk's changes not yet sent, another tool's change the server
 * shows, then every change the app recorded (who, when, each field before and after).
 */
export function ItemHistory({ entity, itemKey, version, nameOf, timeZone }: { entity: EntityName; itemKey: string; version: number | undefined; nameOf: (userId: string) => string; timeZone: string }) {
  const db = useDb();
  const { page, problem } = useItemHistory(entity, itemKey, version);
  const pending = useLiveQuery(async () => (await entriesOf(db, entity, itemKey)).filter(isActive), [db, entity, itemKey]) ?? [];
  return (
    <Stack gap={6} component="section" aria-label="History">
      <Title order={3} size="h5">
        History
      </Title>
      {problem ? (
        <Alert color="yellow" p="xs">
          {problem}
        </Alert>
      ) : null}
      {pending.map((outbox) => (
        <Paper key={outbox.seq} withBorder p="xs" data-testid="history-pending">
          <Group gap="xs">
            <Badge color="blue" variant="outline">
              On this desk, not yet sent
            </Badge>
            <Text size="sm">{outbox.mutation.kind === 'create' ? 'Created' : outbox.mutation.kind === 'delete' ? 'Deleted' : 'Changed'} by {outbox.mutation.updatedBy}</Text>
          </Group>
          {outbox.mutation.kind === 'update'
            ? outbox.mutation.changes.map((change) => (
                <Text key={change.path.join('.')} size="sm">
                  {changeWords({ path: change.path, ...(change.base === undefined ? {} : { old: historyValueText(change.base) }), ...(change.op === 'set' ? { new: historyValueText(change.value) } : {}) }, nameOf)}
                </Text>
              ))
            : null}
        </Paper>
      ))}
      {page?.outside ? (
        <Paper withBorder p="xs" data-testid="history-outside">
          <Text size="sm" fw={600}>
            Changed outside the app after version {page.outside.afterVersion}, {formatInstant(page.outside.updatedAt, timeZone)}
          </Text>
          {page.outside.changes === null ? (
            <Text size="sm" c="dimmed">
              Which fields changed cannot be told: the app has not recorded this item since it was created.
            </Text>
          ) : (
            page.outside.changes.map((change) => (
              <Text key={change.path.join('.')} size="sm">
                {changeWords(change, nameOf)}
              </Text>
            ))
          )}
        </Paper>
      ) : null}
      {page === null && !problem ? (
        <Text size="sm" c="dimmed">
          Reading the history…
        </Text>
      ) : null}
      {page && page.entries.length === 0 && !page.outside ? (
        <Text size="sm" c="dimmed">
          No changes recorded by the app yet (items imported with the sample data have none).
        </Text>
      ) : null}
      {page?.entries.map((entry) => (
        <Paper key={entry.changeId} withBorder p="xs" data-testid="history-entry">
          <Text size="sm" fw={600}>
            {entryTitle(entry, timeZone)}
          </Text>
          {entry.kind === 'update'
            ? entry.changes.map((change) => (
                <Text key={change.path.join('.')} size="sm">
                  {changeWords(change, nameOf)}
                </Text>
              ))
            : null}
        </Paper>
      ))}
      {page && !page.complete ? (
        <Text size="xs" c="dimmed">
          Showing the latest {countOf(page.entries.length, 'change')}.
        </Text>
      ) : null}
    </Stack>
  );
}

import { Alert, Badge, Button, FileInput, Group, Paper, ScrollArea, SegmentedControl, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { createItem, useDb } from '@renderer/db';
import { useSession } from '@renderer/common/session';
import { handled, showFailure } from '@renderer/common/failures';
import { useMirror } from '@renderer/common/data';
import { BOOKING_COLUMNS, USER_COLUMNS } from './csv-columns';
import { errorReport, previewBookingsImport, previewUsersImport, type ImportPreview } from './csv-import';
import { downloadText } from '@renderer/common/download';
import { countOf } from '@renderer/common/labels';

type Entity = 'users' | 'bookings';

/**
 * CSV import of users or bookings: every row is validated and shown with its errors before anything
 * is written; the valid rows are then written through the outbox like any edit.
 */
export function ImportScreen() {
  const db = useDb();
  const { who } = useSession();
  const users = useMirror('users');
  const bookings = useMirror('bookings');
  const [entity, setEntity] = useState<Entity>('bookings');
  const [text, setText] = useState('');
  const [importing, setImporting] = useState(false);
  // The rows left out of the last import, downloadable until the next file: fixed and imported again.
  const [leftOut, setLeftOut] = useState<{ csv: string; count: number; imported: number } | undefined>();

  const preview: ImportPreview<Record<string, unknown>> | undefined = useMemo(() => {
    if (!text.trim()) return undefined;
    const context = { now: new Date(), newId: () => `${entity === 'users' ? 'user' : 'bk'}_${crypto.randomUUID()}` };
    return entity === 'users'
      ? previewUsersImport(text, { ...context, existingUserIds: new Set(users.items.keys()) })
      : previewBookingsImport(text, {
          ...context,
          existingBookingIds: new Set(bookings.items.keys()),
          knownUserIds: new Set(users.items.keys()),
          userIdByEmail: new Map([...users.items.values()].map((user) => [user.email.toLowerCase(), user.userId])),
        });
    // The preview is made once per text: ids generated for rows without one must not change under the user.
  }, [text, entity]);

  const runImport = async () => {
    if (!preview) return;
    setImporting(true);
    let written = 0;
    const failures: string[] = [];
    for (const item of preview.valid) {
      try {
        await createItem(db, entity, item, who);
        written += 1;
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    setImporting(false);
    const bad = preview.rows.filter((row) => row.errors.length > 0);
    setLeftOut(bad.length ? { csv: errorReport(bad, preview.header), count: bad.length, imported: written } : undefined);
    setText('');
    notifications.show({
      color: failures.length ? 'orange' : 'teal',
      message: `${written} ${written === 1 ? entity.slice(0, -1) : entity} imported; they sync when online.${failures.length ? ` ${failures.length} failed: ${failures[0]}` : ''}`,
    });
  };

  const columns = entity === 'users' ? USER_COLUMNS : BOOKING_COLUMNS;
  return (
    <Stack>
      <Paper withBorder p="md" component="section" aria-label="CSV file">
        <Title order={2} size="h4" mb="sm">
          Import a CSV
        </Title>
        <Group align="flex-end">
          <SegmentedControl aria-label="Import what" value={entity} onChange={(value) => setEntity(value as Entity)} data={[{ value: 'bookings', label: 'Bookings' }, { value: 'users', label: 'Users' }]} />
          <FileInput
            label="CSV file"
            accept=".csv,text/csv"
            placeholder="Pick a file"
            onChange={(file) => {
              setLeftOut(undefined);
              file?.text().then(setText, (error: unknown) => showFailure(error, 'The file could not be read'));
            }}
            w={280}
            clearable
          />
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          Columns: {columns.join(', ')}. A Bookings export can be imported again.
        </Text>
        <Textarea label="Or paste CSV text" autosize minRows={3} maxRows={10} value={text} onChange={(event) => setText(event.currentTarget.value)} mt="sm" styles={{ input: { fontFamily: 'monospace' } }} />
      </Paper>
      {leftOut ? (
        <Alert color="orange" title={`${countOf(leftOut.count, 'row was', 'rows were')} not imported`} role="status">
          <Text size="sm">
            {countOf(leftOut.imported, 'row was', 'rows were')} imported. Download the rows left out with their errors, fix them and import that file again.
          </Text>
          <Button mt="xs" size="xs" variant="default" onClick={() => downloadText(`import-errors-${new Date().toISOString().slice(0, 10)}.csv`, leftOut.csv, 'text/csv')}>
            Download the error report
          </Button>
        </Alert>
      ) : null}
      {preview ? (
        <Paper withBorder p="md" component="section" aria-label="Preview">
          <Group justify="space-between" mb="sm">
            <Title order={3} size="h5">
              Preview: {countOf(preview.rows.length, 'row')}, {preview.valid.length} valid, {preview.invalidCount} with errors
            </Title>
            <Button onClick={handled(runImport, 'Import failed')} disabled={preview.valid.length === 0 || preview.fileErrors.length > 0} loading={importing}>
              Import {preview.valid.length} valid {preview.valid.length === 1 ? 'row' : 'rows'}
            </Button>
          </Group>
          {preview.fileErrors.map((error) => (
            <Alert key={error} color="red" mb="xs" role="alert">
              {error}
            </Alert>
          ))}
          {preview.ignoredColumns.length ? (
            <Text size="sm" c="dimmed" mb="xs">
              Ignored columns: {preview.ignoredColumns.join(', ')}
            </Text>
          ) : null}
          {preview.invalidCount ? (
            <Group mb="xs">
              <Text size="sm" c="orange">
                Rows with errors are not imported. Fix them in the file and import it again; the error report stays here after the import.
              </Text>
              <Button size="xs" variant="default" onClick={() => downloadText('import-errors.csv', errorReport(preview.rows.filter((row) => row.errors.length > 0), preview.header), 'text/csv')}>
                Download the error report
              </Button>
            </Group>
          ) : null}
          <ScrollArea h={420}>
            <Table aria-label="Rows" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Line</Table.Th>
                  <Table.Th>Result</Table.Th>
                  {columns.slice(0, 6).map((column) => (
                    <Table.Th key={column}>{column}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((row) => (
                  <Table.Tr key={row.line} data-testid="import-row" data-valid={row.errors.length === 0}>
                    <Table.Td>{row.line}</Table.Td>
                    <Table.Td>
                      {row.errors.length === 0 ? (
                        <Badge color="teal">OK</Badge>
                      ) : (
                        row.errors.map((error) => (
                          <Text key={`${error.column}:${error.message}`} size="xs" c="red">
                            {error.message}
                          </Text>
                        ))
                      )}
                    </Table.Td>
                    {columns.slice(0, 6).map((column) => (
                      <Table.Td key={column}>{row.cells[column] ?? ''}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      ) : null}
    </Stack>
  );
}

import { Alert, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { CallOutput } from '@shared/api/contract';
import { useServices } from '@renderer/common/services';
import { useSession } from '@renderer/common/session';
import { handled, showFailure } from '@renderer/common/failures';
import { staffMembers } from '@renderer/features/users/WhoIsWorking';
import { useMirror } from '@renderer/common/data';
import { ResetLocalData } from './ResetLocalData';
import { SchoolSettingsForm } from './SchoolSettingsForm';
import { personOptions } from '@renderer/common/people';

type Connection = CallOutput<'settings.connection'>;
type ConnectionTest = CallOutput<'settings.testConnection'>;

/** Connection (read-only here: main holds it) with a test, the school's shared settings, who is working (this desk's), and resetting this desk's data. */
export function SettingsScreen() {
  const { api } = useServices();
  const session = useSession();
  const users = useMirror('users');
  const [connection, setConnection] = useState<Connection | { error: string } | undefined>();
  const [test, setTest] = useState<ConnectionTest | { error: string } | undefined>();
  const [testing, setTesting] = useState(false);
  const staff = useMemo(() => staffMembers([...users.items.values()]), [users]);

  useEffect(() => {
    api.invoke('settings.connection', {}).then(
      (result) => setConnection(result.ok ? result.value : { error: result.error.message }),
      (error: unknown) => setConnection({ error: error instanceof Error ? error.message : String(error) }),
    );
  }, [api]);

  const runTest = async () => {
    setTesting(true);
    const result = await api.invoke('settings.testConnection', {});
    setTest(result.ok ? result.value : { error: result.error.message });
    setTesting(false);
  };

  return (
    <Stack maw={760}>
      <Paper withBorder p="md" component="section" aria-label="Connection">
        <Title order={2} size="h4" mb="sm">
          Connection
        </Title>
        {connection === undefined ? (
          <Text size="sm">Asking the app…</Text>
        ) : 'error' in connection ? (
          <Alert color="red">{connection.error}</Alert>
        ) : (
          <Table aria-label="Connection settings">
            <Table.Tbody>
              {[
                ['Backend', connection.mode === 'local' ? 'Local (DynamoDB Local and S3 emulator on this computer)' : 'AWS'],
                ['Region', connection.region],
                ['AWS profile', connection.profile ?? '(default credentials)'],
                ...(connection.signedInAs ? [['Signed in as', connection.signedInAs]] : []),
                ['Table prefix', connection.tablePrefix],
                ['Bucket', connection.bucket],
              ].map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w={160}>{label}</Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Text size="xs" c="dimmed" mt="xs">
          The connection is set where the app starts (environment or config file); credentials never reach this window.
        </Text>
        <Group mt="sm">
          <Button onClick={handled(runTest, 'Connection not tested')} loading={testing}>
            Test connection
          </Button>
        </Group>
        {test ? (
          'error' in test ? (
            <Alert color="red" mt="sm" role="alert">
              {test.error}
            </Alert>
          ) : (
            <Alert color={test.reachable ? 'teal' : 'orange'} mt="sm" role="status" title={test.reachable ? 'Reachable' : 'Not reachable'}>
              <Text size="sm">{test.message}</Text>
              {test.tables.map((table) => (
                <Text size="xs" key={table.name}>
                  {table.name}: {table.status}
                </Text>
              ))}
            </Alert>
          )
        ) : null}
      </Paper>
      <SchoolSettingsForm />
      <Paper withBorder p="md" component="section" aria-label="Who is working">
        <Title order={2} size="h4" mb="sm">
          Who is working
        </Title>
        <Select
          label="Changes are recorded as made by"
          data={personOptions(staff)}
          value={session.staff?.userId ?? null}
          onChange={(userId) => {
            const user = userId ? users.items.get(userId) : undefined;
            if (user) session.setStaff(user).catch((error: unknown) => showFailure(error, 'Who is working not changed'));
          }}
          searchable
          allowDeselect={false}
        />
      </Paper>
      <ResetLocalData />
    </Stack>
  );
}

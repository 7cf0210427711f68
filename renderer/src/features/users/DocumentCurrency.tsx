import { Anchor, Group, Paper, Table, Text, Title } from '@mantine/core';
import { currencyOn, describeKindState } from '@shared/documents';
import { routeHref } from '@renderer/common/routes';
import { useDocumentSettings } from '@renderer/common/school-settings';
import { useSession } from '@renderer/common/session';
import { TableHeader } from '@renderer/common/TableHeader';
import { todayIn } from '@renderer/common/time-zone';
import type { AssetItem, UserItem } from '@renderer/common/items';
import { DocumentStateBadge } from '../documents/DocumentStateBadge';
import { roleLabel } from '@renderer/common/labels';

/** Whether the person's papers are current today (the school's date): each kind their role requires, with the document one click away. */
export function DocumentCurrency({ user, assets }: { user: UserItem; assets: readonly AssetItem[] }) {
  const { timeZone } = useSession();
  const { settings, saved } = useDocumentSettings();
  const today = todayIn(timeZone);
  const kinds = currencyOn(user, assets, settings, today);
  return (
    <Paper withBorder p="md" component="section" aria-label="Documents">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          Documents
        </Title>
        <Text size="xs" c="dimmed">
          on {today}
        </Text>
      </Group>
      {!saved ? (
        <Text size="sm" c="dimmed">
          No document rules yet: an admin chooses which documents each role needs in Settings.
        </Text>
      ) : kinds.length === 0 ? (
        <Text size="sm" c="dimmed">
          The school requires no documents of a {roleLabel(user.role).toLowerCase()}.
        </Text>
      ) : (
        <Table aria-label={`Documents of ${user.name}`}>
          <TableHeader columns={['Document', 'State', 'File']} />
          <Table.Tbody>
            {kinds.map((kind) => (
              <Table.Tr key={kind.kindId} data-testid="document-currency-row">
                <Table.Td>{kind.kindName}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <DocumentStateBadge state={kind.state} />
                    <Text size="sm">{describeKindState(kind)}</Text>
                  </Group>
                  {kind.enforcement === 'block' && (kind.state === 'missing' || kind.state === 'expired') ? (
                    <Text size="xs" c="red">
                      Bookings are blocked until a current one is uploaded.
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {kind.document ? (
                    <Anchor href={routeHref({ screen: 'assets', assetId: kind.document.assetId })} size="sm">
                      {kind.document.fileName}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      None yet: upload it on the Assets screen with its kind and dates
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

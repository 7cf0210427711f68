import { Anchor, Button, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { describeKindState, documentFieldsOf } from '@shared/documents';
import { useNameOf } from '@renderer/common/data';
import { downloadText } from '@renderer/common/download';
import { routeHref } from '@renderer/common/routes';
import { EmptyView } from '@renderer/common/states';
import { TableHeader } from '@renderer/common/TableHeader';
import { DocumentStateBadge } from './DocumentStateBadge';
import { EXPIRING_COLUMNS, EXPIRING_SORTS, expiringToCsv, sortExpiring, useExpiringDocuments, type ExpiringSort } from './expiring-list';
import { countOf } from '@renderer/common/labels';

/** "Expiring soon": documents expiring within the school's warning windows, or expired and not renewed. */
export function ExpiringScreen() {
  const { today, windows, entries } = useExpiringDocuments();
  const nameOf = useNameOf();
  const [within, setWithin] = useState(String(windows[0] ?? ''));
  const [sort, setSort] = useState<ExpiringSort>('soonest');
  const days = Number(within) || (windows[0] ?? 0);
  const shown = useMemo(() => sortExpiring(entries.filter((entry) => entry.daysLeft <= days), sort, nameOf), [entries, days, sort, nameOf]);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h4">
          Expiring soon
        </Title>
        <Text size="sm" c="dimmed">
          on {today}, in the school’s time zone
        </Text>
      </Group>
      <Group align="flex-end">
        <SegmentedControl aria-label="Within" value={String(days)} onChange={setWithin} data={windows.map((window) => ({ value: String(window), label: `Within ${window} days` }))} />
        <Select label="Order" data={EXPIRING_SORTS as Array<{ value: string; label: string }>} value={sort} onChange={(value) => setSort((value as ExpiringSort | null) ?? 'soonest')} allowDeselect={false} w={180} />
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="expiring-count">
          {countOf(shown.length, 'document')}
        </Text>
        <Button variant="default" disabled={shown.length === 0} onClick={() => downloadText(`documents-expiring-${today}.csv`, expiringToCsv(shown, nameOf), 'text/csv')}>
          Export CSV
        </Button>
      </Group>
      {shown.length === 0 ? (
        <EmptyView title={`No document expires within ${days} days`} description="Documents get a kind and an expiry at upload or on their asset's page." />
      ) : (
        <Table highlightOnHover aria-label="Expiring documents">
          <TableHeader columns={EXPIRING_COLUMNS.filter((column) => column !== 'Days left')} />
          <Table.Tbody>
            {shown.map((entry) => (
              <Table.Tr key={entry.document.assetId} data-testid="expiring-row">
                <Table.Td>
                  <Anchor href={routeHref({ screen: 'users', userId: entry.userId })} size="sm">
                    {nameOf(entry.userId)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{entry.kindName}</Table.Td>
                <Table.Td>
                  <Anchor href={routeHref({ screen: 'assets', assetId: entry.document.assetId })} size="sm">
                    {entry.document.fileName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{documentFieldsOf(entry.document).issuedOn ?? ''}</Table.Td>
                <Table.Td>{entry.expiresOn}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <DocumentStateBadge state={entry.state} />
                    <Text size="sm">{describeKindState(entry)}</Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

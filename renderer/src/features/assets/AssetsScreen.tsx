import { Badge, Button, Card, Grid, Group, Image, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { parseISO } from 'date-fns';
import { useMemo, useRef, useState } from 'react';
import { ASSET_TYPES } from '@shared/models';
import { updateItem, useDb } from '@renderer/db';
import { noticeSaved } from '@renderer/common/saved-notice';
import { navigate } from '@renderer/common/routes';
import { useSession } from '@renderer/common/session';
import { EmptyView, LoadingState } from '@renderer/common/states';
import { valueWords } from '@renderer/common/value-text';
import { countOf, fieldLabel } from '@renderer/common/labels';
import { personLabel } from '@renderer/common/people';
import { AsStored } from '@renderer/common/AsStored';
import { notifications } from '@mantine/notifications';
import { useMirror, useNameOf, usePersonOptions } from '@renderer/common/data';
import type { AssetItem } from '@renderer/common/items';
import { formatInstant, todayIn } from '@renderer/common/time-zone';
import { LIST_ROW, onListKeyDown, onRowKeyDown, onSearchKeyDown, SEARCH_BOX } from '@renderer/common/keyboard';
import { matchesTerms, normalizeText, queryTerms } from '@renderer/common/booking-search-index';
import { formatSize } from './format';
import { useThumbnail } from './thumbnails';
import { UploadPanel } from './UploadPanel';
import { useServices } from '@renderer/common/services';
import { handled } from '@renderer/common/failures';
import { TableHeader } from '@renderer/common/TableHeader';
import { useDocumentSettings } from '@renderer/common/school-settings';
import type { DocumentFieldsInput } from '@shared/documents';
import { DocumentFieldsInputs } from '../documents/DocumentFieldsInputs';
import { checkDocumentInput, DOCUMENT_METADATA_KEYS, documentInputOf, documentPatch, type DocumentInputErrors } from '../documents/document-input';
import { ItemHistory } from '@renderer/common/ItemHistory';

/** What the assets' search box reads: file name, tags, owner, document kind and type, folded like the bookings' search. */
function assetSearchText(asset: AssetItem, nameOf: (userId: string) => string, kindName: (kindId: string) => string): string {
  const kind = asset.metadata?.documentKind;
  return normalizeText([asset.fileName, ...(asset.tags ?? []), nameOf(asset.userId), asset.assetType, typeof kind === 'string' ? kindName(kind) : ''].join('\u0000'));
}

/** Who main's upload queue writes an uploaded asset as (electron/main/uploads/asset-item.ts). */
const UPLOAD_QUEUE = 'upload-queue';

const TYPE_ICONS = { image: '🖼', document: '📄', video: '🎞' } as const;

function AssetCard({ asset, ownerName, onOpen }: { asset: AssetItem; ownerName: string; onOpen: () => void }) {
  const thumbnail = useThumbnail(asset);
  return (
    <Card withBorder padding="xs" component="button" type="button" onClick={onOpen} style={{ cursor: 'pointer', textAlign: 'left' }} data-testid="asset-card" {...{ [LIST_ROW]: true }}>
      <Card.Section h={100} style={{ display: 'grid', placeItems: 'center', fontSize: 40 }}>
        {thumbnail ? <Image src={thumbnail} h={100} fit="cover" alt={asset.fileName} /> : <span aria-hidden>{TYPE_ICONS[asset.assetType]}</span>}
      </Card.Section>
      <Text size="sm" truncate fw={500}>
        {asset.fileName}
      </Text>
      <Text size="xs" c="dimmed" truncate>
        {ownerName} · {formatSize(asset.size)}
      </Text>
    </Card>
  );
}

/** Assets as a grid or a list, filtered by type and by user (the seed's two asset queries), newest first. */
export function AssetsScreen({ assetId }: { assetId?: string | undefined }) {
  const assets = useMirror('assets');
  const nameOf = useNameOf();
  const { timeZone, who } = useSession();
  const documentSettings = useDocumentSettings().settings;
  const kindName = useMemo(() => {
    const names = new Map(documentSettings.documentKinds.map((kind) => [kind.kindId, kind.name]));
    return (kindId: string) => names.get(kindId) ?? kindId;
  }, [documentSettings]);
  const [layout, setLayout] = useState<'grid' | 'list'>('grid');
  const [type, setType] = useState<string | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const listRef = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => {
    const terms = queryTerms(query);
    return [...assets.items.values()]
      .filter((asset) => (!type || asset.assetType === type) && (!userId || asset.userId === userId) && (terms.length === 0 || matchesTerms(assetSearchText(asset, nameOf, kindName), terms)))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }, [assets, type, userId, query, nameOf, kindName]);
  const userOptions = usePersonOptions();

  if (!assets.loaded) return <LoadingState label="Loading assets…" />;
  const selected = assetId ? assets.items.get(assetId) : undefined;
  const open = (asset: AssetItem) => navigate({ screen: 'assets', assetId: asset.assetId });

  return (
    <Grid>
      <Grid.Col span={selected ? 8 : 12}>
        <Stack gap="sm">
          <UploadPanel users={userOptions} earlier={{ timeZone }} documentSettings={documentSettings} uploadedBy={who} />
          <Group align="flex-end">
            <TextInput
              label="Search"
              placeholder="File name, tag, person, document kind"
              aria-label="Search assets"
              value={query}
              onChange={(event) => setQuery(event.currentTarget.value)}
              onKeyDown={(event) => onSearchKeyDown(event, listRef.current)}
              w={280}
              {...{ [SEARCH_BOX]: true }}
            />
            <Select label="Type" data={ASSET_TYPES.map((value) => ({ value, label: value }))} value={type} onChange={setType} clearable w={160} />
            <Select label="User" data={userOptions} value={userId} onChange={setUserId} searchable clearable limit={50} w={240} />
            <SegmentedControl aria-label="Layout" value={layout} onChange={(value) => setLayout(value as 'grid' | 'list')} data={[{ value: 'grid', label: 'Grid' }, { value: 'list', label: 'List' }]} />
            <Text size="sm" c="dimmed" aria-live="polite">
              {countOf(shown.length, 'asset')}
            </Text>
          </Group>
          {shown.length === 0 ? (
            <EmptyView title={assets.items.size ? 'No asset matches' : 'No assets yet'} description="Assets appear here once uploaded and synced." />
          ) : layout === 'grid' ? (
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} ref={listRef} onKeyDown={onListKeyDown} aria-label="Assets">
              {shown.slice(0, 500).map((asset) => (
                <AssetCard key={asset.assetId} asset={asset} ownerName={nameOf(asset.userId)} onOpen={() => open(asset)} />
              ))}
            </SimpleGrid>
          ) : (
            <div ref={listRef} onKeyDown={onListKeyDown}>
            <Table highlightOnHover aria-label="Assets">
              <TableHeader columns={['File', 'Type', 'User', 'Size', 'Tags', 'Created']} />
              <Table.Tbody>
                {shown.slice(0, 1000).map((asset) => (
                  <Table.Tr key={asset.assetId} onClick={() => open(asset)} onKeyDown={(event) => onRowKeyDown(event, () => open(asset))} tabIndex={0} style={{ cursor: 'pointer' }} {...{ [LIST_ROW]: true }}>
                    <Table.Td>{asset.fileName}</Table.Td>
                    <Table.Td>{asset.assetType}</Table.Td>
                    <Table.Td>{nameOf(asset.userId)}</Table.Td>
                    <Table.Td>{formatSize(asset.size)}</Table.Td>
                    <Table.Td>{(asset.tags ?? []).join(', ')}</Table.Td>
                    <Table.Td>{todayIn(timeZone, parseISO(asset.createdAt))}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            </div>
          )}
        </Stack>
      </Grid.Col>
      {selected ? (
        <Grid.Col span={4}>
          <AssetPanel key={selected.assetId} asset={selected} />
        </Grid.Col>
      ) : null}
    </Grid>
  );
}

/** One asset: its fields and metadata, and its tags, edited in place (a local write that syncs). */
function AssetPanel({ asset }: { asset: AssetItem }) {
  const db = useDb();
  const nameOf = useNameOf();
  const users = useMirror('users');
  const owner = users.items.get(asset.userId);
  const { who, timeZone } = useSession();
  const { api } = useServices();
  const thumbnail = useThumbnail(asset);
  const [openError, setOpenError] = useState<string | undefined>();
  const [tags, setTags] = useState<string[]>(asset.tags ?? []);
  // The bucket is private: the object opens through a short-lived presigned address from main.
  const openObject = async () => {
    const result = await api.invoke('assets.previewUrl', { s3Key: asset.s3Key });
    if (result.ok) window.open(result.value.url, '_blank', 'noopener,noreferrer');
    else setOpenError(result.error.message);
  };
  const changed = tags.join('\u0000') !== (asset.tags ?? []).join('\u0000');
  return (
    <Paper withBorder p="md" component="section" aria-label="Asset details">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5">
            {asset.fileName}
          </Title>
          <Button size="xs" variant="subtle" onClick={() => navigate({ screen: 'assets' })}>
            Close
          </Button>
        </Group>
        {thumbnail ? <Image src={thumbnail} radius="sm" alt={`Preview of ${asset.fileName}`} /> : null}
        <Group>
          <Badge>{asset.assetType}</Badge>
          <Button size="compact-xs" variant="default" onClick={handled(openObject, 'The file did not open')}>
            Open file
          </Button>
        </Group>
        {openError ? (
          <Text size="xs" c="red">
            {openError}
          </Text>
        ) : null}
        <Table withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {[
              ['Person', owner ? personLabel(owner) : nameOf(asset.userId)],
              ['File format', asset.mimeType],
              ['Size', formatSize(asset.size)],
              ['Created', formatInstant(asset.createdAt, timeZone)],
              ['Last change', `${asset.updatedBy === UPLOAD_QUEUE ? 'the upload' : (asset.updatedBy ?? '')}, ${formatInstant(asset.updatedAt, timeZone)}`],
              ...Object.entries(asset.metadata ?? {})
                .filter(([key]) => !DOCUMENT_METADATA_KEYS.includes(key))
                .map(([key, value]) => [fieldLabel(['metadata', key]), valueWords(['metadata', key], value, nameOf)]),
            ].map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w="40%">{label}</Table.Th>
                <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <DocumentEditor asset={asset} />
        <TagsInput label="Tags" value={tags} onChange={setTags} clearable />
        <Group>
          <Button size="xs" disabled={!changed} onClick={handled(async () => noticeSaved(db, 'Tags saved', await updateItem(db, 'assets', asset.assetId, { tags }, who)), 'Tags not saved')}>
            Save tags
          </Button>
        </Group>
        <MoveToPerson asset={asset} />
        <ItemHistory entity="assets" itemKey={asset.assetId} version={asset.version} nameOf={nameOf} timeZone={timeZone} />
        <AsStored item={asset} />
      </Stack>
    </Paper>
  );
}

/**
 * Files the asset under another person: a synced edit of its `userId` by whoever is working. The file
 * stays where it is in S3 (its key still names the first person); only the asset item moves.
 */
function MoveToPerson({ asset }: { asset: AssetItem }) {
  const db = useDb();
  const { who } = useSession();
  const nameOf = useNameOf();
  const people = usePersonOptions();
  const [to, setTo] = useState<string | null>(null);
  const move = async () => {
    if (!to) return;
    await updateItem(db, 'assets', asset.assetId, { userId: to }, who);
    notifications.show({ message: `${asset.fileName} moved to ${nameOf(to)}: saved here, it syncs when online`, color: 'teal' });
    setTo(null);
  };
  return (
    <Group align="flex-end" component="section" aria-label="Move to another person">
      <Select
        label="Move to another person"
        placeholder="Pick the person"
        data={people.filter((person) => person.value !== asset.userId)}
        value={to}
        onChange={setTo}
        searchable
        limit={50}
        style={{ flex: 1 }}
      />
      <Button size="sm" disabled={!to} onClick={handled(move, 'Not moved')}>
        Move
      </Button>
    </Group>
  );
}

/** Whether the asset is a document of a kind, and its dates, edited in place. */
function DocumentEditor({ asset }: { asset: AssetItem }) {
  const db = useDb();
  const { who } = useSession();
  const { settings } = useDocumentSettings();
  const saved = documentInputOf(asset);
  const [input, setInput] = useState<DocumentFieldsInput>(saved);
  const [errors, setErrors] = useState<DocumentInputErrors>({});
  const changed = JSON.stringify(input) !== JSON.stringify(saved);
  const save = async () => {
    const checked = checkDocumentInput(settings, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    noticeSaved(db, 'Document saved', await updateItem(db, 'assets', asset.assetId, documentPatch(asset, checked.fields), who));
  };
  return (
    <Stack gap={6} component="section" aria-label="Document">
      <DocumentFieldsInputs settings={settings} value={input} onChange={setInput} errors={errors} columns={1} />
      <Group>
        <Button size="xs" disabled={!changed} onClick={handled(save, 'Document not saved')}>
          Save document
        </Button>
      </Group>
    </Stack>
  );
}

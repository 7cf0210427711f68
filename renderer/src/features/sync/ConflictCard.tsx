import { Alert, Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { DynamoValue } from '@shared/values';
import type { ConflictRecord } from '@renderer/db';
import { valueText, valueWords } from '@renderer/common/value-text';
import { fieldLabel } from '@renderer/common/labels';
import { itemTitle } from '@renderer/common/item-title';
import type { FieldPath } from '@shared/sync';
import { formatInstant } from '@renderer/common/time-zone';
import { handled } from '@renderer/common/failures';
import { conflictRows, pathText, resolutionPatch } from './conflict-rows';
import { TableHeader } from '@renderer/common/TableHeader';
import { ClashChoices } from './ClashChoices';

export type ConflictChoice = { kind: 'mine' } | { kind: 'theirs' } | { kind: 'merged'; patch: ReturnType<typeof resolutionPatch> };

const MINE_WORDS = { create: 'Your new item', update: 'Your edit', delete: 'Your delete' } as const;

const REASONS: Record<ConflictRecord['reason'], string> = {
  fields: 'the same fields were changed on the server',
  deleted: 'the item was deleted on the server',
  missing: 'the item does not exist on the server',
  exists: 'an item with this key already exists on the server',
  changed: 'the item was changed on the server since you saw it',
  clash: 'the aircraft or instructor is already booked then',
};

/** Parses an edited text back to a value of the same kind as the original (numbers stay numbers). */
function editedValue(text: string, like: DynamoValue | undefined): DynamoValue | undefined {
  if (text === '') return undefined;
  if (typeof like === 'number' && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (typeof like === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * One conflict, mine and theirs field by field with who and when; resolved by keep mine, keep theirs,
 * or an edit that picks or types each field. Nothing is decided behind the user's back.
 */
export function ConflictCard({
  conflict,
  myName,
  nameOf,
  timeZone,
  onResolve,
}: {
  conflict: ConflictRecord;
  myName: string;
  nameOf: (userId: string) => string;
  timeZone: string;
  onResolve: (choice: ConflictChoice) => Promise<void>;
}) {
  const rows = conflictRows(conflict);
  const title = itemTitle(conflict.entity, conflict.theirs ?? conflict.base ?? (conflict.mine.kind === 'create' ? conflict.mine.item : undefined), nameOf);
  const shown = (path: FieldPath, value: DynamoValue | undefined) => (value === undefined ? '' : valueWords(path, value, nameOf));
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState(() => new Map<string, DynamoValue | undefined>(rows.map((row) => [pathText(row.path), row.mine])));
  const [error, setError] = useState<string | undefined>();
  const resolve = async (choice: ConflictChoice) => {
    setError(undefined);
    try {
      await onResolve(choice);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const canKeepMine = conflict.reason !== 'deleted' || conflict.mine.kind === 'delete';

  return (
    <Paper withBorder p="md" component="article" aria-label={`Conflict on ${title}`} data-testid="conflict">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {title}
          </Title>
          <Badge color="red">{MINE_WORDS[conflict.mine.kind]}</Badge>
        </Group>
        <Text size="sm">Your change was not applied: {REASONS[conflict.reason]}.</Text>
        {conflict.reason === 'clash' ? null : (
          // A clash is with another booking (named below), not with a change to this one.
          <Text size="xs" c="dimmed">
            Mine: {conflict.mine.updatedBy || myName}. Theirs: {conflict.theirsBy ?? 'another tool'}
            {conflict.theirsAt ? ` at ${formatInstant(conflict.theirsAt, timeZone)}` : ''}.
          </Text>
        )}
        <Table aria-label="Mine and theirs">
          <TableHeader columns={editing ? ['Field', 'Before', 'Mine', 'Theirs', 'Keep'] : ['Field', 'Before', 'Mine', 'Theirs']} />
          <Table.Tbody>
            {rows.map((row) => {
              const key = pathText(row.path);
              const label = fieldLabel(row.path);
              const value = chosen.get(key);
              return (
                <Table.Tr key={key} data-conflicting={row.conflicting} style={row.conflicting ? { fontWeight: 600 } : undefined}>
                  <Table.Td>
                    {label}
                    {row.conflicting ? (
                      <Badge ml={4} size="xs" color="red">
                        both changed
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{shown(row.path, row.base)}</Table.Td>
                  <Table.Td>{shown(row.path, row.mine)}</Table.Td>
                  <Table.Td>{shown(row.path, row.theirs)}</Table.Td>
                  {editing ? (
                    <Table.Td>
                      <Stack gap={4}>
                        <SegmentedControl
                          size="xs"
                          aria-label={`Keep for ${label}`}
                          data={[
                            { value: 'mine', label: 'Mine' },
                            { value: 'theirs', label: 'Theirs' },
                          ]}
                          value={value === row.theirs ? 'theirs' : 'mine'}
                          onChange={(side) => setChosen(new Map(chosen).set(key, side === 'theirs' ? row.theirs : row.mine))}
                        />
                        <TextInput size="xs" aria-label={`Value for ${label}`} value={valueText(value)} onChange={(event) => setChosen(new Map(chosen).set(key, editedValue(event.currentTarget.value, row.mine ?? row.theirs)))} />
                      </Stack>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        {conflict.reason === 'clash' ? (
          <ClashChoices conflict={conflict} nameOf={nameOf} timeZone={timeZone} onResolve={resolve} />
        ) : (
          <Group>
            {editing ? (
              <>
                <Button onClick={handled(() => resolve({ kind: 'merged', patch: resolutionPatch(rows, chosen) }), 'Not resolved')}>Save edited values</Button>
                <Button variant="default" onClick={() => setEditing(false)}>
                  Back
                </Button>
              </>
            ) : (
              <>
                <Button onClick={handled(() => resolve({ kind: 'mine' }), 'Not resolved')} disabled={!canKeepMine}>
                  Keep mine
                </Button>
                <Button variant="default" onClick={handled(() => resolve({ kind: 'theirs' }), 'Not resolved')}>
                  Keep theirs
                </Button>
                {conflict.mine.kind === 'update' && conflict.theirs && conflict.reason === 'fields' ? (
                  <Button variant="subtle" onClick={() => setEditing(true)}>
                    Edit
                  </Button>
                ) : null}
              </>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

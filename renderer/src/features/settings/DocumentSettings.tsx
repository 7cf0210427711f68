import { Button, Group, MultiSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { SchoolSettingsValues } from '@shared/models';
import { idFromName, roleLabel } from '@renderer/common/labels';
import { TableHeader } from '@renderer/common/TableHeader';

type DocumentValues = Pick<SchoolSettingsValues, 'documentKinds' | 'documentRules' | 'documentWarningDays'>;

/** The roles whose documents a school usually checks, then any other role a rule already names. */
const RULE_ROLES = ['customer', 'instructor'];
const ENFORCEMENT = [
  { value: 'warn', label: 'Warn at booking' },
  { value: 'block', label: 'Block the booking' },
];

/**
 * The school's document kinds, which of them each role must hold, and when an expiring one is flagged. Kind ids
 * are made from the name when a kind is added and never change (documents already filed under a kind keep it).
 */
export function DocumentSettings({ values, onChange, disabled }: { values: DocumentValues; onChange: (change: Partial<DocumentValues>) => void; disabled: boolean }) {
  const [newKind, setNewKind] = useState('');
  const [warningText, setWarningText] = useState<string | null>(null);
  const kindOptions = values.documentKinds.map((kind) => ({ value: kind.kindId, label: kind.name }));
  const roles = [...new Set([...RULE_ROLES, ...values.documentRules.map((rule) => rule.role)])];

  const addKind = () => {
    const name = newKind.trim();
    if (!name) return;
    const taken = new Set(values.documentKinds.map((kind) => kind.kindId));
    const base = idFromName(name) || 'document';
    let kindId = base;
    for (let n = 2; taken.has(kindId); n++) kindId = `${base.slice(0, 60)}-${n}`;
    onChange({ documentKinds: [...values.documentKinds, { kindId, name }] });
    setNewKind('');
  };
  const removeKind = (kindId: string) =>
    onChange({
      documentKinds: values.documentKinds.filter((kind) => kind.kindId !== kindId),
      // A kind no longer kept is no longer required of anyone.
      documentRules: values.documentRules.map((rule) => ({ ...rule, requiredKinds: rule.requiredKinds.filter((kind) => kind !== kindId) })).filter((rule) => rule.requiredKinds.length > 0),
    });
  const renameKind = (kindId: string, name: string) => onChange({ documentKinds: values.documentKinds.map((kind) => (kind.kindId === kindId ? { ...kind, name } : kind)) });
  const setRule = (role: string, change: { requiredKinds?: string[]; enforcement?: 'warn' | 'block' }) => {
    const current = values.documentRules.find((rule) => rule.role === role) ?? { role, requiredKinds: [], enforcement: 'warn' as const };
    const next = { ...current, ...change };
    const others = values.documentRules.filter((rule) => rule.role !== role);
    onChange({ documentRules: next.requiredKinds.length > 0 ? [...others, next] : others });
  };
  const warningDays = values.documentWarningDays ?? [];

  return (
    <Stack gap="xs" component="section" aria-label="Documents">
      <Title order={3} size="h5">
        Documents
      </Title>
      <Table aria-label="Document kinds">
        <TableHeader columns={['Document kind', '']} />
        <Table.Tbody>
          {values.documentKinds.map((kind, i) => (
            <Table.Tr key={kind.kindId}>
              <Table.Td>
                <TextInput disabled={disabled} aria-label={`Name of document kind ${i + 1}`} value={kind.name} onChange={(event) => renameKind(kind.kindId, event.currentTarget.value)} />
              </Table.Td>
              <Table.Td w={110}>
                <Button disabled={disabled} variant="subtle" color="red" size="xs" onClick={() => removeKind(kind.kindId)} aria-label={`Remove ${kind.name}`}>
                  Remove
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {values.documentKinds.length === 0 ? <Text size="sm">No document kinds yet: add the papers the school keeps, e.g. Medical certificate.</Text> : null}
      <Group align="end">
        <TextInput disabled={disabled} label="New document kind" placeholder="e.g. Flight review" value={newKind} onChange={(event) => setNewKind(event.currentTarget.value)} onKeyDown={(event) => event.key === 'Enter' && addKind()} />
        <Button variant="light" onClick={addKind} disabled={disabled || !newKind.trim()}>
          Add kind
        </Button>
      </Group>
      <Table aria-label="Required documents">
        <TableHeader columns={['Role', 'Must hold', 'When one is missing or expired']} />
        <Table.Tbody>
          {roles.map((role) => {
            const rule = values.documentRules.find((candidate) => candidate.role === role);
            const who = `${roleLabel(role).toLowerCase()}s`;
            return (
              <Table.Tr key={role}>
                <Table.Td>{roleLabel(role)}s</Table.Td>
                <Table.Td>
                  <MultiSelect disabled={disabled} aria-label={`Documents required of ${who}`} data={kindOptions} value={rule?.requiredKinds ?? []} onChange={(requiredKinds) => setRule(role, { requiredKinds })} placeholder={rule ? undefined : 'Nothing required'} />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`When a document of ${who} is missing or expired`}
                    data={ENFORCEMENT}
                    value={rule?.enforcement ?? 'warn'}
                    onChange={(enforcement) => (enforcement === 'warn' || enforcement === 'block') && setRule(role, { enforcement })}
                    allowDeselect={false}
                    disabled={disabled || !rule}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <TextInput
        disabled={disabled}
        label="Warn before a document expires (days, comma-separated)"
        description="The office's expiring list and the person's page flag documents within these windows."
        value={warningText ?? warningDays.join(', ')}
        onChange={(event) => {
          const text = event.currentTarget.value;
          setWarningText(text);
          onChange({ documentWarningDays: text.split(',').map((part) => part.trim()).filter(Boolean).map(Number) });
        }}
        onBlur={() => setWarningText(null)}
      />
    </Stack>
  );
}

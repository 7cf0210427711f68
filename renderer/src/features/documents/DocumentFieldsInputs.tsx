import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { DocumentFieldsInput, DocumentSettings } from '@shared/documents';
import type { DocumentInputErrors } from './document-input';

/** A document's kind (from the school's list) and its issue and expiry dates. */
export function DocumentFieldsInputs({
  settings,
  value,
  onChange,
  errors = {},
  columns = 3,
}: {
  settings: DocumentSettings;
  value: DocumentFieldsInput;
  onChange: (value: DocumentFieldsInput) => void;
  errors?: DocumentInputErrors;
  columns?: number;
}) {
  const kinds = settings.documentKinds.map((kind) => ({ value: kind.kindId, label: kind.name }));
  // A kind the settings dropped stays visible, so the asset's value is not silently blank.
  if (value.documentKind && !kinds.some((kind) => kind.value === value.documentKind)) kinds.push({ value: value.documentKind, label: `${value.documentKind} (not in Settings)` });
  return (
    <SimpleGrid cols={columns}>
      <Select
        label="Document kind"
        placeholder="Not a document"
        data={kinds}
        value={value.documentKind || null}
        onChange={(kind) => onChange({ ...value, documentKind: kind ?? '' })}
        clearable
        error={errors.documentKind}
      />
      <TextInput type="date" label="Issued on" value={value.issuedOn} onChange={(event) => onChange({ ...value, issuedOn: event.currentTarget.value })} error={errors.issuedOn} />
      <TextInput type="date" label="Expires on" value={value.expiresOn} onChange={(event) => onChange({ ...value, expiresOn: event.currentTarget.value })} error={errors.expiresOn} />
    </SimpleGrid>
  );
}

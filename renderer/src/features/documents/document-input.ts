import { documentFieldsSchema, type DocumentFields, type DocumentFieldsInput, type DocumentSettings } from '@shared/documents';
import type { ItemPatch } from '@shared/sync';
import type { AssetItem } from '@renderer/common/items';
import { valueText } from '@renderer/common/value-text';

export type DocumentInputErrors = Partial<Record<keyof DocumentFieldsInput, string>>;

export const NO_DOCUMENT: DocumentFieldsInput = { documentKind: '', issuedOn: '', expiresOn: '' };

/** The metadata keys these inputs edit (shown by them, not as raw metadata). */
export const DOCUMENT_METADATA_KEYS: readonly string[] = ['documentKind', 'issuedOn', 'expiresOn'];

/** The inputs' text of an asset's document fields. */
export function documentInputOf(asset: Pick<AssetItem, 'metadata'>): DocumentFieldsInput {
  const metadata = asset.metadata ?? {};
  return { documentKind: valueText(metadata.documentKind), issuedOn: valueText(metadata.issuedOn), expiresOn: valueText(metadata.expiresOn) };
}

/** The inputs checked against the school's kinds: the fields (null: not a document), or each input's error. */
export function checkDocumentInput(settings: DocumentSettings, input: DocumentFieldsInput): { ok: true; fields: DocumentFields | null } | { ok: false; errors: DocumentInputErrors } {
  const parsed = documentFieldsSchema(settings).safeParse(input);
  if (parsed.success) return { ok: true, fields: parsed.data };
  const errors: DocumentInputErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof DocumentFieldsInput;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/**
 * The metadata patch that sets an asset's document fields (null: not a document): the map changes key
 * by key, so another desk's edit of other metadata merges; an absent map is created whole.
 */
export function documentPatch(asset: Pick<AssetItem, 'metadata'>, fields: DocumentFields | null): ItemPatch {
  const keys = { documentKind: fields?.documentKind, issuedOn: fields?.issuedOn, expiresOn: fields?.expiresOn };
  if (asset.metadata) return { metadata: keys } as ItemPatch;
  return { metadata: Object.fromEntries(Object.entries(keys).filter(([, value]) => value !== undefined)) } as ItemPatch;
}


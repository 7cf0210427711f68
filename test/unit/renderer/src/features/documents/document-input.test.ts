import { describe, expect, it } from 'vitest';
import { checkDocumentInput, documentInputOf, documentPatch } from '@renderer/features/documents/document-input';

const settings = { documentKinds: [{ kindId: 'medical', name: 'Medical certificate' }], documentRules: [] };

describe('a document’s inputs', () => {
  it('read an asset’s fields as text and check them against the school’s kinds, one error per input', () => {
    expect(documentInputOf({ metadata: { documentKind: 'medical', expiresOn: '2026-05-31', width: 3 } })).toEqual({ documentKind: 'medical', issuedOn: '', expiresOn: '2026-05-31' });
    expect(documentInputOf({})).toEqual({ documentKind: '', issuedOn: '', expiresOn: '' });
    expect(checkDocumentInput(settings, { documentKind: 'visa', issuedOn: '2026-06-01', expiresOn: '2026-05-31' })).toEqual({
      ok: false,
      errors: { documentKind: 'Pick a document kind from the school’s list (Settings)', expiresOn: 'The expiry date comes after the issue date' },
    });
    expect(checkDocumentInput(settings, { documentKind: 'medical', issuedOn: '', expiresOn: '2026-05-31' })).toEqual({ ok: true, fields: { documentKind: 'medical', expiresOn: '2026-05-31' } });
  });

  it('patch the metadata key by key, removing cleared fields, or create the map whole', () => {
    expect(documentPatch({ metadata: { width: 3 } }, { documentKind: 'medical', expiresOn: '2026-05-31' })).toEqual({ metadata: { documentKind: 'medical', issuedOn: undefined, expiresOn: '2026-05-31' } });
    expect(documentPatch({ metadata: { documentKind: 'medical' } }, null)).toEqual({ metadata: { documentKind: undefined, issuedOn: undefined, expiresOn: undefined } });
    expect(documentPatch({}, { documentKind: 'medical' })).toEqual({ metadata: { documentKind: 'medical' } });
  });
});

import { describe, expect, it } from 'vitest';
import { documentFieldsSchema, UploadDocumentSchema } from '@shared/documents';

const schema = documentFieldsSchema({ documentKinds: [{ kindId: 'medical', name: 'Medical certificate' }] });
const errors = (input: { documentKind: string; issuedOn: string; expiresOn: string }) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('documentFieldsSchema', () => {
  it('turns the inputs into metadata fields, empty ones absent, all empty: not a document', () => {
    expect(schema.parse({ documentKind: 'medical', issuedOn: '2025-06-01', expiresOn: '2026-05-31' })).toEqual({ documentKind: 'medical', issuedOn: '2025-06-01', expiresOn: '2026-05-31' });
    expect(schema.parse({ documentKind: 'medical', issuedOn: '', expiresOn: '' })).toEqual({ documentKind: 'medical' });
    expect(schema.parse({ documentKind: '', issuedOn: '', expiresOn: '' })).toBeNull();
  });

  it('wants a kind from the school’s list, dates only with a kind, and the expiry after the issue', () => {
    expect(errors({ documentKind: 'passport', issuedOn: '', expiresOn: '' })).toEqual(['documentKind: Pick a document kind from the school’s list (Settings)']);
    expect(errors({ documentKind: '', issuedOn: '', expiresOn: '2026-05-31' })).toEqual(['documentKind: Pick the document kind these dates belong to']);
    expect(errors({ documentKind: 'medical', issuedOn: '2026-05-31', expiresOn: '2026-05-31' })).toEqual(['expiresOn: The expiry date comes after the issue date']);
    expect(errors({ documentKind: 'medical', issuedOn: '2026-02-30', expiresOn: '' })).toEqual(['issuedOn: A date like 2026-05-31']);
  });

  it('checks an upload’s document fields by type and the same date rule, without the school’s list', () => {
    expect(UploadDocumentSchema.parse({ documentKind: 'insurance', expiresOn: '2027-01-01' })).toEqual({ documentKind: 'insurance', expiresOn: '2027-01-01' });
    expect(UploadDocumentSchema.safeParse({ documentKind: 'medical', issuedOn: '2026-06-01', expiresOn: '2026-05-31' }).error?.issues.map((issue) => issue.message)).toEqual(['The expiry date comes after the issue date']);
    expect(UploadDocumentSchema.safeParse({ documentKind: 'medical', width: 3 }).success).toBe(false);
  });
});

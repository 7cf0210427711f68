import { describe, expect, it } from 'vitest';
import { expiringDocuments, longestWarningWindow, type DocumentAsset, type DocumentSettings } from '@shared/documents';

const settings: DocumentSettings = {
  documentKinds: [{ kindId: 'medical', name: 'Medical certificate' }],
  documentRules: [],
  documentWarningDays: [30, 90, 45],
};
const asset = (assetId: string, userId: string, metadata: Record<string, string>): DocumentAsset => ({ assetId, userId, fileName: `${assetId}.pdf`, metadata });

describe('expiringDocuments', () => {
  const documents = [
    asset('ann-old', 'u-ann', { documentKind: 'medical', expiresOn: '2026-03-20' }),
    asset('ann-new', 'u-ann', { documentKind: 'medical', issuedOn: '2026-03-01', expiresOn: '2028-03-01' }),
    asset('bob', 'u-bob', { documentKind: 'medical', expiresOn: '2026-04-09' }),
    asset('cat', 'u-cat', { documentKind: 'medical', expiresOn: '2026-03-01' }),
    asset('dan', 'u-dan', { documentKind: 'insurance', expiresOn: '2026-03-11' }),
    asset('eve', 'u-eve', { documentKind: 'medical', expiresOn: '2026-04-10' }),
    asset('photo', 'u-eve', { expiresOn: '2026-03-11' }),
    asset('forever', 'u-fay', { documentKind: 'medical' }),
  ];

  it('lists expired and expiring documents within the days, soonest first, leaving out renewed ones', () => {
    const listed = expiringDocuments(documents, settings, '2026-03-10', 30);
    expect(listed.map(({ document, kindName, daysLeft, state }) => [document.assetId, kindName, daysLeft, state])).toEqual([
      ['cat', 'Medical certificate', -9, 'expired'],
      ['dan', 'insurance', 1, 'expiring'],
      ['bob', 'Medical certificate', 30, 'expiring'],
    ]);
  });

  it('covers the school’s longest window by default', () => {
    expect(longestWarningWindow(settings)).toBe(90);
    expect(longestWarningWindow({})).toBe(90);
    expect(expiringDocuments(documents, settings, '2026-03-10', longestWarningWindow(settings)).map((entry) => entry.document.assetId)).toEqual(['cat', 'dan', 'bob', 'eve']);
  });

  it('leaves out deleted documents', () => {
    expect(expiringDocuments([{ ...asset('gone', 'u-gus', { documentKind: 'medical', expiresOn: '2026-03-11' }), deleted: true }], settings, '2026-03-10', 30)).toEqual([]);
  });
});

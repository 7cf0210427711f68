import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ExpiringDocument } from '@shared/documents';
import { expiringToCsv, sortExpiring } from '@renderer/features/documents/expiring-list';

const entry = (assetId: string, userId: string, kindName: string, daysLeft: number, fileName = `${assetId}.pdf`): ExpiringDocument => ({
  document: { assetId, userId, fileName, metadata: { documentKind: kindName.toLowerCase(), issuedOn: '2025-01-01', expiresOn: '2026-01-01' } },
  userId,
  kindId: kindName.toLowerCase(),
  kindName,
  expiresOn: '2026-01-01',
  daysLeft,
  state: daysLeft < 0 ? 'expired' : 'expiring',
});
const names: Record<string, string> = { 'u-zed': 'Zed Zu', 'u-amy': 'Amy Ash' };
const nameOf = (userId: string) => names[userId] ?? userId;
const entries = [entry('a', 'u-zed', 'Medical', 5), entry('b', 'u-amy', 'Licence', -3), entry('c', 'u-amy', 'Medical', 40)];

describe('the expiring list', () => {
  it('sorts by days left either way, by person and by kind', () => {
    const ids = (sort: Parameters<typeof sortExpiring>[1]) => sortExpiring(entries, sort, nameOf).map((e) => e.document.assetId);
    expect(ids('soonest')).toEqual(['b', 'a', 'c']);
    expect(ids('latest')).toEqual(['c', 'a', 'b']);
    expect(ids('person')).toEqual(['b', 'c', 'a']);
    expect(ids('kind')).toEqual(['b', 'a', 'c']);
  });

  it('exports CSV in the office’s words, with a file name a spreadsheet would run escaped', () => {
    const csv = expiringToCsv([entry('x', 'u-amy', 'Medical', -3, '=HYPERLINK("http://evil")'), entry('y', 'u-zed', 'Licence', 12)], nameOf);
    const rows = Papa.parse<string[]>(csv.trim()).data;
    expect(rows[0]).toEqual(['Person', 'Document', 'File', 'Issued on', 'Expires on', 'Days left', 'State']);
    expect(rows[1]).toEqual(['Amy Ash', 'Medical', `'=HYPERLINK("http://evil")`, '2025-01-01', '2026-01-01', `'-3`, 'Expired on 2026-01-01']);
    expect(rows[2]).toEqual(['Zed Zu', 'Licence', 'y.pdf', '2025-01-01', '2026-01-01', '12', 'Expires in 12 days (2026-01-01)']);
  });
});

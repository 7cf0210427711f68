import { describe, expect, it } from 'vitest';
import { currencyOn, describeKindState, kindStateOn, requiredKindsOf, type DocumentAsset, type DocumentSettings } from '@shared/documents';
import { todayIn } from '@shared/local-date';

const settings: DocumentSettings = {
  documentKinds: [
    { kindId: 'medical', name: 'Medical certificate' },
    { kindId: 'licence', name: 'Pilot licence' },
    { kindId: 'id', name: 'Photo ID' },
  ],
  documentRules: [
    { role: 'customer', requiredKinds: ['medical', 'id'], enforcement: 'warn' },
    { role: 'instructor', requiredKinds: ['medical', 'licence'], enforcement: 'warn' },
    { role: 'instructor', requiredKinds: ['licence'], enforcement: 'block' },
  ],
  documentWarningDays: [30, 90, 45],
};

let next = 0;
function doc(userId: string, documentKind: string, dates: { issuedOn?: string; expiresOn?: string } = {}, extra: Partial<DocumentAsset> = {}): DocumentAsset {
  next += 1;
  return { assetId: `as-${next}`, userId, fileName: `${documentKind}-${next}.pdf`, metadata: { documentKind, ...dates }, ...extra };
}

const ann = { userId: 'u-ann', role: 'customer' };

describe('requiredKindsOf', () => {
  it('takes every rule of the role, the strictest enforcement of each kind, and nothing of other roles', () => {
    expect([...requiredKindsOf('instructor', settings)]).toEqual([
      ['medical', 'warn'],
      ['licence', 'block'],
    ]);
    expect([...requiredKindsOf('customer', settings)]).toEqual([
      ['medical', 'warn'],
      ['id', 'warn'],
    ]);
    expect(requiredKindsOf('staff', settings).size).toBe(0);
  });
});

describe('kindStateOn', () => {
  const windows = [90, 45, 30];

  it('counts the expiry date as the last valid day and the day after as expired', () => {
    const medical = doc('u-ann', 'medical', { issuedOn: '2025-06-01', expiresOn: '2026-05-31' });
    expect(kindStateOn([medical], '2026-05-31', windows)).toMatchObject({ state: 'expiring', daysLeft: 0, window: 30, document: medical });
    expect(kindStateOn([medical], '2026-06-01', windows)).toMatchObject({ state: 'expired', daysLeft: -1, expiresOn: '2026-05-31', document: medical });
  });

  it('names the nearest warning window the expiry falls in, and is current before the longest', () => {
    const medical = doc('u-ann', 'medical', { expiresOn: '2026-12-31' });
    expect(kindStateOn([medical], '2026-12-01', windows)).toMatchObject({ state: 'expiring', daysLeft: 30, window: 30 });
    expect(kindStateOn([medical], '2026-11-30', windows)).toMatchObject({ state: 'expiring', daysLeft: 31, window: 45 });
    expect(kindStateOn([medical], '2026-10-02', windows)).toMatchObject({ state: 'expiring', daysLeft: 90, window: 90 });
    expect(kindStateOn([medical], '2026-10-01', windows)).toMatchObject({ state: 'current', daysLeft: 91 });
    expect(kindStateOn([medical], '2026-10-01', windows).window).toBeUndefined();
  });

  it('tells missing (nothing covers the date) from expired (the latest one ran out)', () => {
    expect(kindStateOn([], '2026-03-10', windows)).toEqual({ state: 'missing' });
    // Issued after the booking's date: it does not cover it.
    const renewal = doc('u-ann', 'medical', { issuedOn: '2026-04-01', expiresOn: '2027-04-01' });
    expect(kindStateOn([renewal], '2026-03-10', windows)).toEqual({ state: 'missing' });
    const old = doc('u-ann', 'medical', { issuedOn: '2024-01-01', expiresOn: '2025-01-01' });
    expect(kindStateOn([old, renewal], '2026-03-10', windows)).toMatchObject({ state: 'expired', document: old });
    expect(kindStateOn([old, renewal], '2026-04-01', windows)).toMatchObject({ state: 'current', document: renewal });
  });

  it('takes the document valid longest, and one without an expiry never expires', () => {
    const short = doc('u-ann', 'id', { expiresOn: '2026-04-01' });
    const long = doc('u-ann', 'id', { expiresOn: '2030-01-01' });
    expect(kindStateOn([short, long], '2026-03-10', windows)).toMatchObject({ state: 'current', document: long });
    const forever = doc('u-ann', 'id');
    expect(kindStateOn([short, forever], '2099-01-01', windows)).toEqual({ state: 'current', document: forever });
  });
});

describe('currencyOn', () => {
  it('gives each kind the role requires, from the person’s own live documents of that kind only', () => {
    const documents = [
      doc('u-ann', 'medical', { expiresOn: '2026-03-20' }),
      doc('u-bob', 'id', { expiresOn: '2030-01-01' }),
      doc('u-ann', 'id', { expiresOn: '2030-01-01' }, { deleted: true }),
      doc('u-ann', 'licence', { expiresOn: '2030-01-01' }),
    ];
    const currency = currencyOn(ann, documents, settings, '2026-03-10');
    expect(currency.map(({ kindId, kindName, state, enforcement }) => ({ kindId, kindName, state, enforcement }))).toEqual([
      { kindId: 'medical', kindName: 'Medical certificate', state: 'expiring', enforcement: 'warn' },
      { kindId: 'id', kindName: 'Photo ID', state: 'missing', enforcement: 'warn' },
    ]);
    expect(currencyOn({ userId: 'u-sam', role: 'staff' }, documents, settings, '2026-03-10')).toEqual([]);
  });

  it('reads the booking’s date in the school’s zone: the same instant is another day in Vancouver', () => {
    const medical = doc('u-ann', 'medical', { expiresOn: '2026-06-30' });
    const instant = new Date('2026-07-01T02:30:00Z');
    expect(currencyOn(ann, [medical], settings, todayIn('America/Vancouver', instant))[0]?.state).toBe('expiring');
    expect(currencyOn(ann, [medical], settings, todayIn('UTC', instant))[0]?.state).toBe('expired');
  });

  it('uses the default windows when the settings have none, and names a kind the settings dropped by its id', () => {
    const medical = doc('u-ann', 'medical', { expiresOn: '2026-05-01' });
    const old = { documentKinds: [], documentRules: [{ role: 'customer', requiredKinds: ['medical'], enforcement: 'block' as const }] };
    expect(currencyOn(ann, [medical], old, '2026-02-01')[0]).toMatchObject({ kindName: 'medical', state: 'expiring', daysLeft: 89, window: 90, enforcement: 'block' });
  });

  it('reads an expiry of the wrong type as none (the item schema quarantines such items before any screen)', () => {
    const odd = { assetId: 'as-odd', userId: 'u-ann', fileName: 'odd.pdf', metadata: { documentKind: 'medical', expiresOn: 20260101 } } as unknown as DocumentAsset;
    expect(currencyOn(ann, [odd], settings, '2026-03-10')[0]).toMatchObject({ state: 'current', document: odd });
  });
});

describe('describeKindState', () => {
  it('says each state in words', () => {
    expect(describeKindState({ state: 'missing' })).toBe('Missing: no document of this kind uploaded');
    expect(describeKindState({ state: 'expired', expiresOn: '2026-05-31' })).toBe('Expired on 2026-05-31');
    expect(describeKindState({ state: 'expiring', expiresOn: '2026-05-31', daysLeft: 1 })).toBe('Expires in 1 day (2026-05-31)');
    expect(describeKindState({ state: 'expiring', expiresOn: '2026-05-31', daysLeft: 0 })).toBe('Expires today (2026-05-31)');
    expect(describeKindState({ state: 'current', expiresOn: '2027-05-31' })).toBe('Current until 2027-05-31');
    expect(describeKindState({ state: 'current' })).toBe('Current (no expiry)');
  });
});

import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createItem, PilotForceDbContext, type PilotForceDb } from '@renderer/db';
import { SessionProvider } from '@renderer/common/session';
import type { AssetItem, UserItem } from '@renderer/common/items';
import { todayIn } from '@renderer/common/time-zone';
import { DocumentCurrency } from '@renderer/features/users/DocumentCurrency';
import { defaultSchoolSettings, SCHOOL_SETTINGS_ID } from '@shared/models';
import { aServerAsset, aServerUser } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { renderWithMantine } from '@test/unit/renderer/support/render';

let db: PilotForceDb;
afterEach(() => db?.close());

const ann = aServerUser(1, { userId: 'u-ann', name: 'Ann Pilot', role: 'instructor' }) as UserItem;
const today = todayIn('UTC');
const inDays = (days: number) => todayIn('UTC', new Date(Date.now() + days * 86_400_000));
const medical = aServerAsset(1, { assetId: 'as-med', userId: 'u-ann', fileName: 'ann-medical.pdf', metadata: { documentKind: 'medical', expiresOn: inDays(12) } }) as AssetItem;

function renderPanel() {
  return renderWithMantine(
    <PilotForceDbContext.Provider value={db}>
      <SessionProvider>
        <DocumentCurrency user={ann} assets={[medical]} />
      </SessionProvider>
    </PilotForceDbContext.Provider>,
  );
}

describe('a person’s documents', () => {
  it('say that no rule applies until the school saves its settings', async () => {
    db = await freshDb();
    renderPanel();
    expect(await screen.findByText('No document rules yet: an admin chooses which documents each role needs in Settings.')).toBeInTheDocument();
  });

  it('show each kind the role requires in words, the file one click away, and a blocking rule’s consequence', async () => {
    db = await freshDb();
    await createItem(
      db,
      'resources',
      {
        resourceId: SCHOOL_SETTINGS_ID,
        resourceType: 'school-settings',
        ...defaultSchoolSettings('UTC'),
        documentRules: [{ role: 'instructor', requiredKinds: ['medical', 'licence'], enforcement: 'block' }],
        createdAt: '2026-01-01T00:00:00Z',
      },
      'alice',
    );
    renderPanel();
    const rows = await screen.findAllByTestId('document-currency-row');
    expect(rows.map((row) => row.textContent)).toEqual([
      `Medical certificateExpiring soonExpires in 12 days (${inDays(12)})ann-medical.pdf`,
      'Pilot licenceMissingMissing: no document of this kind uploadedBookings are blocked until a current one is uploaded.None yet: upload it on the Assets screen with its kind and dates',
    ]);
    expect(within(rows[0]!).getByRole('link', { name: 'ann-medical.pdf' })).toHaveAttribute('href', '#/assets/as-med');
    expect(screen.getByText(`on ${today}`)).toBeInTheDocument();
  });
});

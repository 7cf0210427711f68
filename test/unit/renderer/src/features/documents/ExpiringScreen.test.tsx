import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PilotForceDbContext, type PilotForceDb } from '@renderer/db';
import { applyServerItems } from '@renderer/sync/apply';
import { MirrorsProvider } from '@renderer/common/data';
import { SessionProvider } from '@renderer/common/session';
import { todayIn } from '@renderer/common/time-zone';
import { ExpiringScreen } from '@renderer/features/documents/ExpiringScreen';
import { defaultSchoolSettings, SCHOOL_SETTINGS_ID } from '@shared/models';
import type { ServerItem } from '@shared/sync';
import { aServerAsset, aServerUser } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { renderWithMantine } from '@test/unit/renderer/support/render';

let db: PilotForceDb;
afterEach(() => db?.close());

const inDays = (days: number) => todayIn('UTC', new Date(Date.now() + days * 86_400_000));
const stamp = { version: 1, updatedAt: '2026-01-01T00:00:00.000Z', clientSeq: {}, updatedBy: 'seed', syncBucket: 0 };

describe('Expiring soon', () => {
  it('lists documents within the school’s windows (the defaults for settings saved before there were any), soonest first, and narrows to a window', async () => {
    db = await freshDb();
    // Saved before the warning windows existed: no documentWarningDays.
    const { documentWarningDays: _none, ...older } = defaultSchoolSettings('UTC');
    await applyServerItems(db, 'resources', [{ resourceId: SCHOOL_SETTINGS_ID, resourceType: 'school-settings', ...older, createdAt: '2026-01-01T00:00:00Z', ...stamp } as ServerItem], []);
    await applyServerItems(db, 'users', [aServerUser(1, { userId: 'u-ann', name: 'Ann Pilot' }), aServerUser(1, { userId: 'u-bo', name: 'Bo Flyer' })] as unknown as ServerItem[], []);
    const doc = (assetId: string, userId: string, days: number) =>
      aServerAsset(1, { assetId, userId, fileName: `${assetId}.pdf`, metadata: { documentKind: 'medical', expiresOn: inDays(days) } }) as unknown as ServerItem;
    await applyServerItems(db, 'assets', [doc('ann-medical', 'u-ann', 60), doc('bo-medical', 'u-bo', 10), doc('far', 'u-far', 200)], []);

    const { user } = renderWithMantine(
      <PilotForceDbContext.Provider value={db}>
        <SessionProvider>
          <MirrorsProvider>
            <ExpiringScreen />
          </MirrorsProvider>
        </SessionProvider>
      </PilotForceDbContext.Provider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('expiring-row').map((row) => row.textContent)).toEqual([
      `Bo FlyerMedical certificatebo-medical.pdf${inDays(10)}Expiring soonExpires in 10 days (${inDays(10)})`,
      `Ann PilotMedical certificateann-medical.pdf${inDays(60)}Expiring soonExpires in 60 days (${inDays(60)})`,
    ]));
    expect(screen.getByTestId('expiring-count')).toHaveTextContent('2 documents');
    await user.click(screen.getByText('Within 30 days'));
    await waitFor(() => expect(screen.getByTestId('expiring-count')).toHaveTextContent('1 document'));
    expect(screen.getAllByTestId('expiring-row')).toHaveLength(1);
  });
});

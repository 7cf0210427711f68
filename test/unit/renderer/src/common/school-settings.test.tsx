import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createItem, PilotForceDbContext, updateItem, writeMeta, type PilotForceDb } from '@renderer/db';
import { saveSchoolSettings } from '@renderer/common/school-settings';
import { SessionProvider, useSession } from '@renderer/common/session';
import { defaultSchoolSettings, SCHOOL_SETTINGS_ID } from '@shared/models';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { renderWithMantine } from '@test/unit/renderer/support/render';

let db: PilotForceDb;
afterEach(() => db?.close());

function ShownZone() {
  const { loading, timeZone } = useSession();
  return <p>{loading ? 'loading' : `Times in ${timeZone}`}</p>;
}

function renderSession() {
  return renderWithMantine(
    <PilotForceDbContext.Provider value={db}>
      <SessionProvider>
        <ShownZone />
      </SessionProvider>
    </PilotForceDbContext.Provider>,
  );
}

describe('the time zone shown', () => {
  it("is the school's, from the synced settings item, over this desk's own", async () => {
    db = await freshDb();
    await writeMeta(db, 'schoolTimeZone', 'Asia/Tokyo');
    renderSession();
    // No settings item yet: the desk's zone.
    expect(await screen.findByText('Times in Asia/Tokyo')).toBeTruthy();
    await createItem(db, 'resources', { resourceId: SCHOOL_SETTINGS_ID, resourceType: 'school-settings', ...defaultSchoolSettings('Europe/Paris'), createdAt: '2026-01-01T00:00:00Z' }, 'alice');
    expect(await screen.findByText('Times in Europe/Paris')).toBeTruthy();
    // A change of the settings (here local; a pulled one writes the same store) follows at once.
    await updateItem(db, 'resources', SCHOOL_SETTINGS_ID, { timeZone: 'America/Chicago' }, 'bob');
    expect(await screen.findByText('Times in America/Chicago')).toBeTruthy();
  });

  it('saving the settings changes only the fields that differ, and removes a day the school closed', async () => {
    db = await freshDb();
    const values = defaultSchoolSettings('UTC');
    await saveSchoolSettings(db, values, 'alice');
    const { saturday: _closed, ...weekdays } = values.openingHours;
    await saveSchoolSettings(db, { ...values, timeZone: 'Europe/Oslo', openingHours: weekdays }, 'alice');
    const [, update] = await db.outbox.toArray();
    expect(update?.mutation).toMatchObject({ kind: 'update', changes: [{ op: 'set', path: ['timeZone'], value: 'Europe/Oslo' }, { op: 'remove', path: ['openingHours', 'saturday'] }] });
    await waitFor(async () => expect(await db.resources.get(SCHOOL_SETTINGS_ID)).not.toHaveProperty('openingHours.saturday'));
  });
});

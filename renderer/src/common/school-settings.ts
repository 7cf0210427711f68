import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { defaultSchoolSettings, SCHOOL_SETTINGS_ID, SchoolSettingsValuesSchema, type SchoolSettingsResource, type SchoolSettingsValues } from '@shared/models';
import type { DocumentSettings } from '@shared/documents';
import { createItem, updateItem, useDb, type PilotForceDb } from '@renderer/db';
import type { ItemPatch } from '@shared/sync';

/**
 * The renderer's one owner of the school's settings: the synced `school#settings` item of
 * PilotForce-Resources, the same on every desk. Per-desk preferences (theme, who is working) stay in
 * the local meta store.
 */
export async function readSchoolSettings(db: PilotForceDb): Promise<SchoolSettingsResource | null> {
  const item = await db.resources.get(SCHOOL_SETTINGS_ID);
  return item?.resourceType === 'school-settings' ? item : null;
}

/** The settings item, live: undefined while loading, null while no desk has saved settings yet. */
export function useSchoolSettings(): SchoolSettingsResource | null | undefined {
  const db = useDb();
  return useLiveQuery(() => readSchoolSettings(db), [db]);
}

/** The document kinds, rules and warning windows in force, and whether the school has saved its own. */
export type DocumentRulesInForce = { settings: DocumentSettings; saved: boolean };

/**
 * The school's document settings. Until an admin saves settings, the default kinds and windows apply
 * but no rule does: the Settings screen's defaults are a proposal, and a booking is checked against
 * rules the school chose.
 */
export function useDocumentSettings(): DocumentRulesInForce {
  const school = useSchoolSettings();
  return useMemo(() => {
    if (school) return { settings: school, saved: true };
    const { documentKinds, documentWarningDays } = defaultSchoolSettings('UTC');
    return { settings: { documentKinds, documentRules: [], documentWarningDays }, saved: false };
  }, [school]);
}

/**
 * Saves the settings an admin edited: creates the item the first time, else changes only the fields
 * that differ (so two desks' edits of different settings merge, and the same setting is a conflict).
 */
export async function saveSchoolSettings(db: PilotForceDb, values: SchoolSettingsValues, who: string): Promise<void> {
  const parsed = SchoolSettingsValuesSchema.parse(values);
  const current = await readSchoolSettings(db);
  if (!current) {
    await createItem(db, 'resources', { resourceId: SCHOOL_SETTINGS_ID, resourceType: 'school-settings', ...parsed, createdAt: new Date().toISOString() }, who);
    return;
  }
  // Weekdays the admin closed are removed from the item's map, the others set.
  const closed = Object.fromEntries(Object.keys(current.openingHours).filter((day) => !(day in parsed.openingHours)).map((day) => [day, undefined]));
  await updateItem(db, 'resources', SCHOOL_SETTINGS_ID, { ...parsed, openingHours: { ...parsed.openingHours, ...closed } } as unknown as ItemPatch, who);
}

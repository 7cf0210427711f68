import { describe, expect, it } from 'vitest';
import { ResourceCreateSchema } from '@shared/models/resource';
import { defaultSchoolSettings, SCHOOL_SETTINGS_ID, SchoolSettingsValuesSchema } from '@shared/models/school-settings';
import { validateItem } from '@shared/models/validate';
import type { DynamoValue } from '@shared/values';

const stamp = { createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z', version: 3 };
const settings = { resourceId: SCHOOL_SETTINGS_ID, resourceType: 'school-settings', ...defaultSchoolSettings('Europe/London'), ...stamp } as unknown as Record<string, DynamoValue>;

describe('resources', () => {
  it('takes the school settings item and keeps attributes it does not model', () => {
    const result = validateItem('resources', { ...settings, futureSetting: 'kept' });
    expect(result).toMatchObject({ ok: true, item: { resourceId: SCHOOL_SETTINGS_ID, timeZone: 'Europe/London', futureSetting: 'kept' } });
  });

  it('quarantines an item of a type this version does not know, with the reason, without throwing', () => {
    const result = validateItem('resources', { resourceId: 'hangar#north', resourceType: 'hangar', ...stamp });
    expect(result).toEqual({ ok: false, key: 'hangar#north', reason: 'resourceType: not a resource type this version knows (school-settings, aircraft, instructor)' });
    expect(validateItem('resources', { resourceId: 'x#1', ...stamp })).toMatchObject({ ok: false, key: 'x#1' });
  });

  it('requires the typed id of the type: one settings item, aircraft#<registration>', () => {
    expect(validateItem('resources', { ...settings, resourceId: 'school#other' })).toMatchObject({ ok: false, reason: expect.stringContaining('resourceId') });
    expect(validateItem('resources', { resourceId: 'aircraft#N172PF', resourceType: 'aircraft', name: 'Cessna 172', ...stamp }).ok).toBe(true);
    expect(validateItem('resources', { resourceId: 'N172PF', resourceType: 'aircraft', name: 'Cessna 172', ...stamp })).toMatchObject({
      ok: false,
      reason: 'resourceId: a resource of type aircraft has the id aircraft#<key>',
    });
  });

  it('checks each setting: zone, 24-hour opening hours, defaults, policy', () => {
    const bad = { ...settings, timeZone: 'Mars/Olympus', openingHours: { monday: { open: '18:00', close: '08:00' }, tuesday: { open: '8am', close: '17:00' } }, bookingDefaults: { durationMinutes: 0, serviceType: 'lesson' } };
    const result = validateItem('resources', bad as Record<string, DynamoValue>);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('timeZone: not an IANA time zone');
    expect(result.reason).toContain('openingHours.monday.close: the school opens before it closes');
    expect(result.reason).toContain('openingHours.tuesday.open: a time is HH:mm');
    expect(result.reason).toContain('bookingDefaults.durationMinutes');
  });

  it('checks at the edit that every required document kind exists', () => {
    const values = defaultSchoolSettings('UTC');
    expect(SchoolSettingsValuesSchema.safeParse(values).success).toBe(true);
    const result = SchoolSettingsValuesSchema.safeParse({ ...values, documentRules: [{ role: 'instructor', requiredKinds: ['ratings'], enforcement: 'block' }] });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['no document kind "ratings"']);
  });

  it('creates without sync attributes, by type', () => {
    expect(ResourceCreateSchema.safeParse({ resourceId: 'instructor#u-1', resourceType: 'instructor', name: 'Ann', createdAt: stamp.createdAt }).success).toBe(true);
    expect(ResourceCreateSchema.safeParse({ resourceId: 'instructor#u-1', resourceType: 'pilot', name: 'Ann', createdAt: stamp.createdAt }).success).toBe(false);
  });
});

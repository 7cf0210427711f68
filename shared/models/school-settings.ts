import { z } from 'zod';
import { LocalTimeSchema } from './booking';

/**
 * The school's settings: ONE synced item (`school#settings` in PilotForce-Resources), so every desk
 * labels a booking in the same zone and applies the same rules. Per-desk preferences (theme, who is
 * working) are not here: they stay local.
 */
export const SCHOOL_SETTINGS_ID = 'school#settings';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A zone the runtime knows: an unknown one would make every date on every desk wrong. */
export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'not an IANA time zone (e.g. Europe/London)');

/** One weekday's hours; absent from `openingHours`: closed that day. */
export const OpeningHoursSchema = z
  .object({ open: LocalTimeSchema, close: LocalTimeSchema })
  .refine((hours) => hours.open < hours.close, { message: 'the school opens before it closes', path: ['close'] });
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

export const BookingDefaultsSchema = z.object({
  durationMinutes: z.number().int().min(1).max(24 * 60),
  serviceType: z.string().trim().min(1).max(64),
});

export const DocumentKindSchema = z.object({
  kindId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a kind id is lowercase letters, digits and -'),
  name: z.string().trim().min(1).max(100),
});

/** Which document kinds a role must have, and whether a missing one warns or blocks a booking. */
export const DocumentRuleSchema = z.object({
  role: z.string().trim().min(1).max(64),
  requiredKinds: z.array(z.string().min(1).max(64)).max(50),
  enforcement: z.enum(['warn', 'block']),
});

/** Days before expiry at which a document counts as expiring soon: the nearest window first shown, all three listed. */
export const DEFAULT_DOCUMENT_WARNING_DAYS = [90, 45, 30] as const;
export const DocumentWarningDaysSchema = z
  .array(z.number().int().min(1).max(730))
  .min(1)
  .max(5)
  .refine((days) => new Set(days).size === days.length, 'each warning window once');

export const DoubleBookingPolicySchema = z.object({
  allowed: z.boolean(),
  /** Roles that may override a double booking when it is allowed. */
  roles: z.array(z.string().trim().min(1).max(64)).max(20),
});

export const SchoolSettingsFieldsShape = {
  timeZone: TimeZoneSchema,
  /** An object, not a record, so a change of one day is checked as that day's hours (electron/main/sync/validate-mutation.ts). */
  openingHours: z.object(Object.fromEntries(WEEKDAYS.map((day) => [day, OpeningHoursSchema.optional()])) as Record<Weekday, z.ZodOptional<typeof OpeningHoursSchema>>),
  bookingDefaults: BookingDefaultsSchema,
  documentKinds: z.array(DocumentKindSchema).max(100),
  documentRules: z.array(DocumentRuleSchema).max(50),
  /** Optional: settings saved before it existed read as DEFAULT_DOCUMENT_WARNING_DAYS (documentWarningDaysOf). */
  documentWarningDays: DocumentWarningDaysSchema.optional(),
  doubleBooking: DoubleBookingPolicySchema,
};

/**
 * The settings' own fields as the Settings screen saves them. The rule that every required kind exists
 * is checked here, at the edit, not on the stored item: two desks' edits of different fields merge,
 * and a merged item must never be quarantined on every desk for a rule that spans fields.
 */
export const SchoolSettingsValuesSchema = z
  .object(SchoolSettingsFieldsShape)
  .superRefine((settings, ctx) => {
    const kinds = new Set(settings.documentKinds.map((kind) => kind.kindId));
    if (kinds.size !== settings.documentKinds.length) ctx.addIssue({ code: 'custom', path: ['documentKinds'], message: 'two document kinds have the same id' });
    settings.documentRules.forEach((rule, i) => {
      for (const kind of rule.requiredKinds) {
        if (!kinds.has(kind)) ctx.addIssue({ code: 'custom', path: ['documentRules', i, 'requiredKinds'], message: `no document kind "${kind}"` });
      }
    });
  });
export type SchoolSettingsValues = z.infer<typeof SchoolSettingsValuesSchema>;

/** What a school starts with before an admin changes anything: the desk's zone, weekdays 08:00-18:00. */
export function defaultSchoolSettings(timeZone: string): SchoolSettingsValues {
  const weekday: OpeningHours = { open: '08:00', close: '18:00' };
  return {
    timeZone,
    openingHours: { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday, saturday: { open: '09:00', close: '13:00' } },
    bookingDefaults: { durationMinutes: 60, serviceType: 'flight-lesson' },
    documentKinds: [
      { kindId: 'medical', name: 'Medical certificate' },
      { kindId: 'licence', name: 'Pilot licence' },
    ],
    documentRules: [{ role: 'customer', requiredKinds: ['medical'], enforcement: 'warn' }],
    documentWarningDays: [...DEFAULT_DOCUMENT_WARNING_DAYS],
    doubleBooking: { allowed: true, roles: ['admin'] },
  };
}

/** The school's expiry warning windows, longest first. */
export function documentWarningDaysOf(settings: Pick<SchoolSettingsValues, 'documentWarningDays'> | null | undefined): number[] {
  return [...(settings?.documentWarningDays ?? DEFAULT_DOCUMENT_WARNING_DAYS)].sort((a, b) => b - a);
}

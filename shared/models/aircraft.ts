import { z } from 'zod';
import { LocalDateSchema } from './booking';
import { IsoInstantSchema } from './sync-attributes';

/**
 * An aircraft of the school's register (PilotForce-Resources, `aircraft#<registration>`). The registration
 * is the key (README.md, "Data model"): two offline desks adding the same aircraft write the same key, and
 * the second create fails its condition, shown as a conflict, instead of making a duplicate.
 */

/** Upper-cased, spaces removed, hyphens kept: "n 172pf" and "N172PF" are one aircraft. */
export function normalizeRegistration(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
}

export const RegistrationSchema = z
  .string()
  .transform(normalizeRegistration)
  .pipe(z.string().regex(/^[A-Z0-9](?:[A-Z0-9-]{0,8}[A-Z0-9])?$/, 'a registration is 1 to 10 letters and digits, hyphens inside (e.g. N172PF or G-ABCD)'));

/** Grounded from `from` (and until `until`, when set): bookings in that time are flagged on every desk. */
export const GroundingSchema = z
  .object({
    reason: z.string().trim().min(1, 'say why the aircraft is grounded').max(500),
    from: IsoInstantSchema,
    until: IsoInstantSchema.optional(),
    by: z.string().min(1).max(200),
  })
  .refine((grounding) => grounding.until === undefined || Date.parse(grounding.until) > Date.parse(grounding.from), {
    message: 'a grounding ends after it starts',
    path: ['until'],
  });
export type Grounding = z.infer<typeof GroundingSchema>;

/** Hours on a meter, to the tenth as the instruments read. */
const MeterSchema = z.number().min(0).max(100_000);

export const AircraftFieldsShape = {
  name: z.string().trim().min(1).max(200),
  /** The model as the office says it: C172, PA-28, DA40. */
  aircraftType: z.string().trim().min(1).max(40).optional(),
  homeLocation: z.string().trim().max(200).optional(),
  /** Per flight hour, in the school's currency. */
  hourlyRate: z.number().min(0).max(1_000_000).optional(),
  grounding: GroundingSchema.optional(),
  /** The last meters read at check-in. */
  hobbs: MeterSchema.optional(),
  tach: MeterSchema.optional(),
  /** The 100-hour inspection falls due at this Hobbs reading; the annual on this date. */
  hundredHourDueHobbs: MeterSchema.optional(),
  annualDueOn: LocalDateSchema.optional(),
  notes: z.string().max(2000).optional(),
};

import { z } from 'zod';
import { IsoInstantSchema } from './sync-attributes';

/**
 * A booking saved against a rule's warning ("Save anyway"): which rule, who, when, why, and what the
 * warning said. Every rule that may be overridden (documents, double bookings, instructor hours)
 * records itself here, on the booking's `overrides`, so the booking shows them all alike.
 */
export const OverrideRuleSchema = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a rule is lowercase letters, digits and -');

/** The rules this version overrides, as the office names them; a rule a newer version adds is shown by its id. */
export const OVERRIDE_RULE_NAMES: Readonly<Record<string, string>> = {
  documents: 'Required documents',
};

export const OverrideSchema = z.object({
  rule: OverrideRuleSchema,
  by: z.string().min(1).max(200),
  at: IsoInstantSchema,
  reason: z.string().trim().min(1, 'Say why the booking is saved anyway').max(1000),
  /** The warning as it was shown, e.g. "Alice Ng: Medical certificate expired on 2026-05-31". */
  detail: z.string().max(2000),
});
export type Override = z.infer<typeof OverrideSchema>;

/** At most this many on one booking: each re-save against a warning adds one. */
export const MAX_OVERRIDES = 50;
const TOO_MANY = `A booking records at most ${MAX_OVERRIDES} overrides: cancel it and make a new booking`;
export const OverridesSchema = z.array(OverrideSchema).max(MAX_OVERRIDES, TOO_MANY);

export function overrideRuleName(rule: string): string {
  return Object.hasOwn(OVERRIDE_RULE_NAMES, rule) ? (OVERRIDE_RULE_NAMES[rule] as string) : rule;
}

/** The booking's overrides with one more (a whole-list change: two desks' overrides of one booking are a conflict, never one lost). */
export function withOverride(existing: readonly Override[] | undefined, override: Override): Override[] {
  const overrides = [...(existing ?? []), OverrideSchema.parse(override)];
  if (overrides.length > MAX_OVERRIDES) throw new Error(TOO_MANY);
  return overrides;
}

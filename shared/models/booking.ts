import { z } from 'zod';
import { DecimalSchema, DynamoValueSchema } from '../values';
import { OverridesSchema } from './override';
import { IsoInstantSchema, SyncAttributesShape, unknownAttributes } from './sync-attributes';

export const BOOKING_STATUSES = ['pending', 'confirmed', 'completed', 'cancelled'] as const;
export const BookingStatusSchema = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatusSchema>;

/** A calendar date in the school's local time zone (`YYYY-MM-DD`), checked to exist. */
export const LocalDateSchema = z.iso.date();
/** A wall-clock time in the school's local time zone (`HH:mm`). */
export const LocalTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:mm, 00:00 to 23:59');

/** A booking without a duration takes this long (minutes), wherever its time is read (clashes, schedule, grounding). */
export const DEFAULT_DURATION_MINUTES = 60;

export const BookingDetailsSchema = z
  .object({
    /** Minutes. */
    duration: z.number().int().min(1).max(24 * 60).optional(),
    location: z.string().max(200).optional(),
    notes: z.string().max(10_000).optional(),
    aircraft: z.string().max(64).optional(),
    instructorId: z.string().max(1024).optional(),
  })
  .catchall(DynamoValueSchema);
export type BookingDetails = z.infer<typeof BookingDetailsSchema>;

export const PaymentInfoSchema = z
  .object({
    amount: DecimalSchema.optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'a currency is a three-letter ISO code').optional(),
    paymentMethod: z.string().max(64).optional(),
    paymentStatus: z.string().max(64).optional(),
  })
  .catchall(DynamoValueSchema);
export type PaymentInfo = z.infer<typeof PaymentInfoSchema>;

/** Who cancelled a booking, when and why (the status workflow requires a reason). */
export const CancellationSchema = z.object({
  reason: z.string().trim().min(1).max(1000),
  by: z.string().min(1),
  at: IsoInstantSchema,
});

/**
 * The last status step taken back (completed -> confirmed, cancelled -> pending): from and to, why, who and
 * when. The step it undid (a cancellation's record among them) stays in the booking's history.
 */
export const StatusReversalSchema = z.object({
  from: BookingStatusSchema,
  to: BookingStatusSchema,
  reason: z.string().trim().min(1).max(1000),
  by: z.string().min(1),
  at: IsoInstantSchema,
});

export const BookingFieldsShape = {
  bookingId: z.string().min(1).max(1024),
  userId: z.string().min(1).max(1024),
  serviceType: z.string().trim().min(1).max(64),
  bookingDate: LocalDateSchema,
  bookingTime: LocalTimeSchema,
  status: BookingStatusSchema,
  details: BookingDetailsSchema.optional(),
  paymentInfo: PaymentInfoSchema.optional(),
  cancellation: CancellationSchema.optional(),
  reversal: StatusReversalSchema.optional(),
  /** Warnings this booking was saved against, with who, when and why (shared/models/override.ts). */
  overrides: OverridesSchema.optional(),
  createdAt: IsoInstantSchema,
};

export const BookingSchema = z
  .object({ ...BookingFieldsShape, ...SyncAttributesShape })
  .catchall(unknownAttributes);
export type Booking = z.infer<typeof BookingSchema>;

/** The status workflow: pending -> confirmed -> completed; cancel from pending or confirmed (the ways back: STATUS_REVERSALS). */
export const STATUS_TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** Each end status's way back, taken only with a reason (`reversal`): a completion or a cancel made by mistake. */
export const STATUS_REVERSALS: Partial<Record<BookingStatus, BookingStatus>> = { completed: 'confirmed', cancelled: 'pending' };

export function canChangeStatus(from: BookingStatus, to: BookingStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

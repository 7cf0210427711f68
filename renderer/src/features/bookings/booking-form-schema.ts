import { z } from 'zod';
import { BookingDetailsSchema, BookingFieldsShape, LocalDateSchema, LocalTimeSchema, PaymentInfoSchema, type BookingDetails, type PaymentInfo } from '@shared/models';
import type { BookingItem as Booking } from '@renderer/common/items';
import { fitsDynamoNumber, numberFromDynamoText } from '@shared/values';
import { valueText } from '@renderer/common/value-text';

/**
 * The booking form edits text (what inputs hold) and turns it into booking fields with the shared
 * schemas, so the form can never save what sync would reject. Money stays exact text until saved.
 */
export const BookingFormSchema = z.object({
  userId: z.string().min(1, 'Pick the student or customer'),
  serviceType: BookingFieldsShape.serviceType.refine(Boolean, 'Enter a service type'),
  bookingDate: LocalDateSchema.or(z.literal('')).refine(Boolean, 'Pick a date'),
  bookingTime: z
    .string()
    .refine(Boolean, 'Pick a time')
    .refine((text) => text === '' || LocalTimeSchema.safeParse(text).success, 'A 24-hour time like 14:30'),
  status: z.enum(['pending', 'confirmed', 'completed', 'cancelled']),
  duration: z
    .string()
    .trim()
    .refine((text) => text === '' || (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 24 * 60), 'Minutes from 1 to 1440'),
  location: z.string().trim().max(200),
  aircraft: z.string().trim().max(64),
  instructorId: z.string().max(1024),
  notes: z.string().max(10_000),
  amount: z
    .string()
    .trim()
    .refine((text) => text === '' || /^\d+(\.\d+)?$/.test(text), 'An amount like 299.99')
    .refine((text) => !/^\d+(\.\d+)?$/.test(text) || fitsDynamoNumber(text), 'At most 38 digits'),
  currency: z
    .string()
    .trim()
    .refine((text) => text === '' || /^[A-Z]{3}$/.test(text), 'A three-letter code like USD'),
  paymentMethod: z.string().trim().max(64),
  paymentStatus: z.string().trim().max(64),
});
export type BookingFormValues = z.input<typeof BookingFormSchema>;

/** What the form produces: the booking's own fields (the caller adds id, createdAt and sync attributes). */
export type BookingDraft = Pick<Booking, 'userId' | 'serviceType' | 'bookingDate' | 'bookingTime' | 'status'> & {
  details: BookingDetails;
  paymentInfo: PaymentInfo;
};

/** The detail and payment keys the form edits; other keys on the booking are kept as they are. */
export const FORM_DETAIL_KEYS = ['duration', 'location', 'aircraft', 'instructorId', 'notes'] as const;
export const FORM_PAYMENT_KEYS = ['amount', 'currency', 'paymentMethod', 'paymentStatus'] as const;

export function emptyBookingForm(defaults: Partial<BookingFormValues> = {}): BookingFormValues {
  return {
    userId: '',
    serviceType: '',
    bookingDate: '',
    bookingTime: '',
    status: 'pending',
    duration: '60',
    location: '',
    aircraft: '',
    instructorId: '',
    notes: '',
    amount: '',
    currency: '',
    paymentMethod: '',
    paymentStatus: '',
    ...defaults,
  };
}

export function bookingToForm(booking: Booking): BookingFormValues {
  const details = booking.details ?? {};
  const payment = booking.paymentInfo ?? {};
  return emptyBookingForm({
    userId: booking.userId,
    serviceType: booking.serviceType,
    bookingDate: booking.bookingDate,
    bookingTime: booking.bookingTime,
    status: booking.status,
    duration: valueText(details.duration),
    location: valueText(details.location),
    aircraft: valueText(details.aircraft),
    instructorId: valueText(details.instructorId),
    notes: valueText(details.notes),
    amount: valueText(payment.amount),
    currency: valueText(payment.currency),
    paymentMethod: valueText(payment.paymentMethod),
    paymentStatus: valueText(payment.paymentStatus),
  });
}

function withoutEmpty<T extends Record<string, unknown>>(map: T): T {
  return Object.fromEntries(Object.entries(map).filter(([, value]) => value !== '' && value !== undefined)) as T;
}

/** Valid form values as booking fields: empty inputs are absent fields, numbers are exact. */
export function formToDraft(values: z.output<typeof BookingFormSchema>): BookingDraft {
  const details = BookingDetailsSchema.parse(
    withoutEmpty({
      duration: values.duration === '' ? undefined : Number(values.duration),
      location: values.location,
      aircraft: values.aircraft,
      instructorId: values.instructorId,
      notes: values.notes.trim(),
    }),
  );
  const paymentInfo = PaymentInfoSchema.parse(
    withoutEmpty({
      amount: values.amount === '' ? undefined : numberFromDynamoText(values.amount),
      currency: values.currency,
      paymentMethod: values.paymentMethod,
      paymentStatus: values.paymentStatus,
    }),
  );
  return {
    userId: values.userId,
    serviceType: values.serviceType.trim(),
    bookingDate: values.bookingDate,
    bookingTime: values.bookingTime,
    status: values.status,
    details,
    paymentInfo,
  };
}

import { z } from 'zod';
import {
  AssetFieldsShape,
  AssetSchema,
  BookingFieldsShape,
  BookingSchema,
  UserFieldsShape,
  UserSchema,
  unknownAttributes,
  type Asset,
  type Booking,
  type User,
} from '@shared/models';

/**
 * The test items of every suite (unit, component, integration, e2e, bench): one valid booking, user and
 * asset, with the fields a test cares about overridden. Each builder parses its result with the model's
 * schema, so a test that needs an invalid item has to break a valid one on purpose, after the builder.
 *
 * `aBooking` and friends are new items as the app creates them (no sync attributes); `aServerBooking`
 * and friends are the server's copy at a version, built on the same item.
 */

const NewBookingSchema = z.object(BookingFieldsShape).catchall(unknownAttributes);
const NewUserSchema = z.object(UserFieldsShape).catchall(unknownAttributes);
const NewAssetSchema = z.object(AssetFieldsShape).catchall(unknownAttributes);
export type NewBooking = z.infer<typeof NewBookingSchema>;
export type NewUser = z.infer<typeof NewUserSchema>;
export type NewAsset = z.infer<typeof NewAssetSchema>;

/**
 * The known attributes, each optional, and any unknown one (the schema keeps it). A map attribute (details,
 * preferences, metadata, clientSeq) is merged key by key; `undefined` removes an attribute or a map's key.
 */
export type Overrides<T> = {
  [K in keyof T as string extends K ? never : K]?: NonNullable<T[K]> extends readonly unknown[]
    ? T[K] | undefined
    : NonNullable<T[K]> extends object
      ? { [P in keyof NonNullable<T[K]>]?: NonNullable<T[K]>[P] | undefined } | undefined
      : T[K] | undefined;
} & { [attribute: string]: unknown };

const BOOKING: NewBooking = {
  bookingId: 'b-1',
  userId: 'u-1',
  serviceType: 'Flight Training',
  bookingDate: '2026-12-01',
  bookingTime: '10:00',
  status: 'pending',
  details: { duration: 60 },
  createdAt: '2026-11-01T10:00:00.000Z',
};

const USER: NewUser = {
  userId: 'u-1',
  email: 'u-1@example.com',
  name: 'Una User',
  role: 'customer',
  createdAt: '2026-01-01T00:00:00.000Z',
};

const ASSET: NewAsset = {
  assetId: 'a-1',
  assetType: 'image',
  fileName: 'a-1.png',
  s3Key: 'users/u-1/a-1.png',
  mimeType: 'image/png',
  size: 10,
  userId: 'u-1',
  tags: [],
  createdAt: '2026-01-01T00:00:00.000Z',
};

export const aBooking = (overrides: Overrides<NewBooking> = {}): NewBooking => NewBookingSchema.parse(merged(BOOKING, overrides));
export const aUser = (overrides: Overrides<NewUser> = {}): NewUser => NewUserSchema.parse(merged(USER, overrides));
export const anAsset = (overrides: Overrides<NewAsset> = {}): NewAsset => NewAssetSchema.parse(merged(ASSET, overrides));

/** The server's copy at `version`: stamped a second per version after the item's first write. */
export const aServerBooking = (version = 1, overrides: Overrides<Booking> = {}): Booking =>
  BookingSchema.parse(merged(merged(BOOKING, serverStamp(version)), overrides));
export const aServerUser = (version = 1, overrides: Overrides<User> = {}): User => UserSchema.parse(merged(merged(USER, serverStamp(version)), overrides));
export const aServerAsset = (version = 1, overrides: Overrides<Asset> = {}): Asset => AssetSchema.parse(merged(merged(ASSET, serverStamp(version)), overrides));

function serverStamp(version: number) {
  return { version, updatedAt: new Date(Date.UTC(2026, 10, 2, 10, 0, version)).toISOString(), clientSeq: {}, syncBucket: 1 };
}

type Plain = Record<string, unknown>;

function isMap(value: unknown): value is Plain {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function merged(base: Plain, overrides: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    if (value === undefined) delete out[key];
    else if (isMap(value) && isMap(current)) out[key] = merged(current, value);
    else out[key] = value;
  }
  return out;
}

import { defaultSchoolSettings, SCHOOL_SETTINGS_ID, type EntityName } from '@shared/models';
import type { ServerItem } from '@shared/sync/protocol';
import { syncBucketOf } from '@shared/tables';

/**
 * Seed-shaped items (the seed guide's example items, with the app's sync attributes) generated from
 * their index alone, so the runner (which loads DynamoDB) and the bench page in Chromium (which needs
 * the same items for the raw bulkPut baseline and for correct search counts) produce identical data.
 * Every `updatedAt` lies months in the past: a delta pull then reads only what a benchmark changes.
 */
export type SampleSizes = { resources: number; users: number; bookings: number; assets: number };

const FIRST = ['Alice', 'Bruno', 'Chloé', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jon', 'Kaia', 'Liam', 'Maya', 'Noah', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq', 'Uma', 'Victor', 'Wen', 'Yara', 'Zoë'];
const LAST = ['Ng', 'Okafor', 'Silva', 'Brown', 'Kowalski', 'Haddad', 'Tanaka', 'Müller', 'Dubois', 'Patel', 'García', 'Johansson', 'Rossi', 'Kim', 'Novak', 'Ahmed', 'Lopez', 'Walsh', 'Ivanova'];
const LOCATIONS = ['Main Airport', 'North Field', 'Lakeside Strip', 'Harbour Heliport', 'Valley Aerodrome', 'Coastal Airfield'];
const NOTES = [
  'Circuits and landings, crosswind from the west',
  'Night rating, second lesson',
  'Checkride preparation with stall recovery',
  'Navigation exercise to the coast and back',
  'Instrument approach practice under the hood',
  'First solo if the weather holds',
  'Engine failure after take-off drills',
  'Mountain flying briefing before departure',
];
const SERVICES = ['pilot_training', 'aircraft_rental', 'drone_survey', 'discovery_flight'];
const STATUSES = ['pending', 'confirmed', 'completed', 'cancelled'] as const;
const ASSET_KINDS = [
  { assetType: 'image', mimeType: 'image/jpeg', ext: 'jpg' },
  { assetType: 'document', mimeType: 'application/pdf', ext: 'pdf' },
  { assetType: 'video', mimeType: 'video/mp4', ext: 'mp4' },
] as const;

const DAY_MS = 86_400_000;
const EPOCH = Date.parse('2025-01-01T00:00:00.000Z');

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

/** A cheap integer hash, so neighbouring indexes do not get neighbouring values. */
function mix(n: number): number {
  let x = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function instant(ms: number): string {
  return new Date(ms).toISOString();
}

function syncAttributes(key: string, createdMs: number): ServerItem {
  return { version: 1, updatedAt: instant(createdMs + 60_000), clientSeq: {}, updatedBy: 'Bench Loader', syncBucket: syncBucketOf(key) };
}

export const resourceId = (i: number) => (i === 0 ? SCHOOL_SETTINGS_ID : `aircraft#BENCH${String(i).padStart(5, '0')}`);
export const userId = (i: number) => `bench-user-${String(i).padStart(6, '0')}`;
export const bookingId = (i: number) => `bench-booking-${String(i).padStart(7, '0')}`;
export const assetId = (i: number) => `bench-asset-${String(i).padStart(6, '0')}`;

export function userName(i: number): string {
  return `${pick(FIRST, mix(i))} ${pick(LAST, mix(i + 7919))}`;
}

export function sampleUser(i: number): ServerItem {
  const createdMs = EPOCH + (mix(i) % 300) * DAY_MS;
  const key = userId(i);
  return {
    userId: key,
    email: `user${i}@pilotforce.test`,
    name: userName(i),
    phoneNumber: `+1 555 ${String(mix(i) % 10_000_000).padStart(7, '0')}`,
    role: i % 50 === 0 ? 'staff' : i % 10 === 0 ? 'instructor' : 'customer',
    createdAt: instant(createdMs),
    preferences: { theme: i % 2 === 0 ? 'dark' : 'light', notifications: i % 3 !== 0 },
    profileImageUrl: `https://pilotforce-user-assets.s3.amazonaws.com/profiles/${key}.jpg`,
    ...syncAttributes(key, createdMs),
  };
}

/** Resource 0 is the school's settings; the others stand for the fleet (aircraft with a name). */
export function sampleResource(i: number): ServerItem {
  const createdMs = EPOCH + (mix(i + 71) % 300) * DAY_MS;
  const key = resourceId(i);
  const fields: ServerItem =
    i === 0
      ? { resourceType: 'school-settings', ...(defaultSchoolSettings('America/Toronto') as unknown as ServerItem) }
      : { resourceType: 'aircraft', name: `Cessna 172 #${i}` };
  return { resourceId: key, ...fields, createdAt: instant(createdMs), ...syncAttributes(key, createdMs) };
}

/** The user of booking i: spread over all users. */
export function bookingUser(i: number, users: number): number {
  return mix(i + 104_729) % users;
}

export function bookingDate(i: number): string {
  return instant(EPOCH + (mix(i + 31) % 730) * DAY_MS).slice(0, 10);
}

export function sampleBooking(i: number, users: number): ServerItem {
  const createdMs = EPOCH + (mix(i + 3) % 300) * DAY_MS;
  const key = bookingId(i);
  const status = pick(STATUSES, mix(i + 5));
  return {
    bookingId: key,
    userId: userId(bookingUser(i, users)),
    serviceType: pick(SERVICES, mix(i + 11)),
    bookingDate: bookingDate(i),
    bookingTime: `${String(7 + (mix(i + 13) % 12)).padStart(2, '0')}:${mix(i + 17) % 2 === 0 ? '00' : '30'}`,
    status,
    details: {
      duration: 30 + (mix(i + 19) % 6) * 30,
      location: pick(LOCATIONS, mix(i + 23)),
      aircraft: `C-G${String.fromCharCode(65 + (mix(i) % 26), 65 + (mix(i + 1) % 26), 65 + (mix(i + 2) % 26))}`,
      notes: `${pick(NOTES, mix(i + 29))} (#${i})`,
      instructorId: userId((mix(i + 37) % Math.max(1, Math.floor(users / 10))) * 10),
    },
    paymentInfo: { amount: 99 + (mix(i + 41) % 400) + 0.99, currency: 'USD', paymentMethod: 'card', paymentStatus: status === 'cancelled' ? 'refunded' : 'paid' },
    ...(status === 'cancelled' ? { cancellation: { reason: 'Weather below minimums', by: 'Bench Loader', at: instant(createdMs + 3_600_000) } } : {}),
    createdAt: instant(createdMs),
    ...syncAttributes(key, createdMs),
  };
}

export function sampleAsset(i: number, users: number): ServerItem {
  const createdMs = EPOCH + (mix(i + 43) % 300) * DAY_MS;
  const key = assetId(i);
  const kind = pick(ASSET_KINDS, mix(i + 47));
  const owner = userId(mix(i + 53) % users);
  const s3Key = `users/${owner}/${key}.${kind.ext}`;
  return {
    assetId: key,
    assetType: kind.assetType,
    fileName: `${kind.assetType}-${i}.${kind.ext}`,
    s3Key,
    s3Url: `https://pilotforce-user-assets.s3.amazonaws.com/${s3Key}`,
    mimeType: kind.mimeType,
    size: 10_000 + (mix(i + 59) % 5_000_000),
    userId: owner,
    tags: ['bench', pick(LOCATIONS, mix(i + 61)).toLowerCase().replace(/ /g, '-')],
    metadata: kind.assetType === 'image' ? { width: 1920, height: 1080, location: pick(LOCATIONS, mix(i + 67)) } : {},
    createdAt: instant(createdMs),
    ...syncAttributes(key, createdMs),
  };
}

/** Every item of one entity for the given sizes, in index order. */
export function* sampleItems(entity: EntityName, sizes: SampleSizes): Generator<ServerItem> {
  const count = sizes[entity];
  for (let i = 0; i < count; i++) {
    if (entity === 'resources') yield sampleResource(i);
    else if (entity === 'users') yield sampleUser(i);
    else if (entity === 'bookings') yield sampleBooking(i, sizes.users);
    else yield sampleAsset(i, sizes.users);
  }
}

import { minutesOfDay, timeOfMinutes, todayIn } from '@shared/local-date';
import { z } from 'zod';
import {
  defaultSchoolSettings,
  ResourceSchema,
  SCHOOL_SETTINGS_ID,
  WEEKDAYS,
  type Asset,
  type AssetType,
  type Booking,
  type BookingStatus,
  type OpeningHours,
  type Resource,
  type SchoolSettingsValues,
  type User,
} from '@shared/models';
import { seededRandom } from '@shared/random';
import { syncBucketOf } from '@shared/tables';
import { type SampleImageStyle, samplePdf, samplePng } from './sample-files';

/**
 * Deterministic, realistic flight-school data around an anchor date (the school's "today"): the same
 * seed, counts and anchor give the same items and files, byte for byte. Bookings spread over the weeks
 * before and after the anchor, and the anchor day itself is booked solid within opening hours. Every
 * item carries the sync attributes (version 1, syncBucket, updatedAt) so it is in SyncIndex from the
 * start, and fits its zod schema. Keys embed the seed (`...-s<seed>-...`), so two seeds never
 * collide and the seeder can tell its own items apart.
 */
export type SampleCounts = { users: number; bookings: number; assets: number };
/** An object of a sample asset, for the seeder to put at `key` in the bucket. */
export type SampleObject = { key: string; contentType: string; body: Uint8Array };
/** `resources` is the school's settings item and its fleet of eight, whatever the counts; `objects` one file per asset. */
export type SampleData = { resources: Resource[]; users: User[]; bookings: Booking[]; assets: Asset[]; objects: SampleObject[] };

/** The sample school's zone: it flies from the Bay Area's airfields. */
export const SAMPLE_TIME_ZONE = 'America/Los_Angeles';

export const AnchorDateSchema = z.iso.date({ error: 'an anchor date is YYYY-MM-DD, e.g. 2026-08-15' });

/** Today in the sample school's zone: the default anchor, so a fresh start opens on a full schedule. */
export function sampleToday(now: Date = new Date()): string {
  return todayIn(SAMPLE_TIME_ZONE, now);
}

const DAY_MS = 86_400_000;
const WEEKS_BEFORE = 8;
const WEEKS_AFTER = 6;

/** The sample school flies every day, so whatever day a newcomer starts on, today's schedule is full. */
const SAMPLE_OPENING_HOURS: SchoolSettingsValues['openingHours'] = Object.fromEntries(
  WEEKDAYS.map((day) => [day, day === 'saturday' || day === 'sunday' ? { open: '09:00', close: '17:00' } : { open: '08:00', close: '18:00' }]),
);

export const SAMPLE_WRITER = 'db-seed';

const FIRST_NAMES = ['Amelia', 'Charles', 'Bessie', 'Chuck', 'Jacqueline', 'Wiley', 'Harriet', 'Orville', 'Sally', 'Neil', 'Eileen', 'Buzz', 'Mae', 'Jimmy', 'Patty', 'Bob', 'Jerrie', 'Scott', 'Geraldyn', 'Tammie', 'Raj', 'Mei', 'Lucia', 'Tomasz'];
const LAST_NAMES = ['Earhart', 'Lindbergh', 'Coleman', 'Yeager', 'Cochran', 'Post', 'Quimby', 'Wright', 'Ride', 'Armstrong', 'Collins', 'Aldrin', 'Jemison', 'Doolittle', 'Wagstaff', 'Hoover', 'Mock', 'Crossfield', 'Cobb', 'Jo Shults', 'Patel', 'Chen', 'Garcia', 'Nowak'];
const AIRFIELDS = ['KPAO Palo Alto', 'KSQL San Carlos', 'KHWD Hayward', 'KLVK Livermore', 'KRHV Reid-Hillview', 'KOAK Oakland', 'KHAF Half Moon Bay'];
const AIRCRAFT = ['N172PF', 'N4471R', 'N738SP', 'N52394', 'N9120F', 'N23PA', 'N630DA', 'N5128K'];
/** The register behind AIRCRAFT: N630DA grounded from the anchor day for three days, N738SP 6.5 hours from its 100-hour. */
const FLEET: Record<string, { aircraftType: string; hourlyRate: number; hobbs: number; hundredHourDueHobbs: number }> = {
  N172PF: { aircraftType: 'C172', hourlyRate: 185, hobbs: 4211.3, hundredHourDueHobbs: 4290 },
  N4471R: { aircraftType: 'C172', hourlyRate: 185, hobbs: 6120.8, hundredHourDueHobbs: 6171 },
  N738SP: { aircraftType: 'C172', hourlyRate: 190, hobbs: 2983.5, hundredHourDueHobbs: 2990 },
  N52394: { aircraftType: 'C152', hourlyRate: 140, hobbs: 8802.1, hundredHourDueHobbs: 8880 },
  N9120F: { aircraftType: 'C152', hourlyRate: 140, hobbs: 7740.4, hundredHourDueHobbs: 7812 },
  N23PA: { aircraftType: 'PA-28', hourlyRate: 175, hobbs: 5530, hundredHourDueHobbs: 5601.2 },
  N630DA: { aircraftType: 'DA40', hourlyRate: 230, hobbs: 1904.7, hundredHourDueHobbs: 1960 },
  N5128K: { aircraftType: 'PA-28', hourlyRate: 175, hobbs: 3311.9, hundredHourDueHobbs: 3355 },
};
const SERVICES: Array<{ type: string; weight: number; durations: number[]; instructed: boolean; price: number }> = [
  { type: 'lesson', weight: 55, durations: [60, 90, 120], instructed: true, price: 2.95 },
  { type: 'checkride', weight: 8, durations: [120, 180], instructed: true, price: 4.5 },
  { type: 'rental', weight: 27, durations: [60, 120, 180, 240], instructed: false, price: 2.4 },
  { type: 'discovery-flight', weight: 10, durations: [45, 60], instructed: true, price: 3.3 },
];
const NOTES = ['Pattern work and landings', 'Steep turns, slow flight, stalls', 'Cross-country to the coast', 'Night currency', 'Pre-checkride review', 'Bring logbook and headset', 'Instrument approaches under the hood', ''];
const CANCEL_REASONS = ['Weather below minimums', 'Aircraft in maintenance', 'Student ill', 'Instructor unavailable'];

export function generateSampleData(seed: number, counts: SampleCounts, options: { anchorDate: string }): SampleData {
  if (counts.bookings + counts.assets > 0 && counts.users === 0) throw new RangeError('bookings and assets need at least one user');
  const anchorMs = Date.parse(`${AnchorDateSchema.parse(options.anchorDate)}T00:00:00Z`);
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const weighted = <T extends { weight: number }>(list: readonly T[]): T => {
    let roll = random() * list.reduce((sum, entry) => sum + entry.weight, 0);
    for (const entry of list) if ((roll -= entry.weight) < 0) return entry;
    return list[list.length - 1] as T;
  };
  // No sample item is stamped after the day before the anchor: in no zone is that in the future.
  const latestWriteMs = anchorMs - DAY_MS;
  // Whole seconds, as the seed writes instants (`2023-07-15T10:15:00Z`).
  const instant = (fromMs: number, toMs: number) =>
    new Date(Math.floor((fromMs + random() * (toMs - fromMs)) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const sync = (key: string, at: string) => ({ version: 1, syncBucket: syncBucketOf(key), updatedAt: at, updatedBy: SAMPLE_WRITER, clientSeq: {} });

  const users: User[] = [];
  for (let i = 0; i < counts.users; i++) {
    // The first few users cover every role; the rest are mostly students and renters.
    const role = i < 4 ? (['admin', 'staff', 'instructor', 'customer'] as const)[i]! : weighted([
      { role: 'customer', weight: 78 },
      { role: 'instructor', weight: 12 },
      { role: 'staff', weight: 7 },
      { role: 'admin', weight: 3 },
    ]).role;
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const userId = `auth0|s${seed}-u${String(i).padStart(6, '0')}`;
    const createdAt = instant(anchorMs - 730 * DAY_MS, anchorMs - 90 * DAY_MS);
    users.push({
      userId,
      email: `${first}.${last.replace(/\s/g, '')}.${i}@example.com`.toLowerCase(),
      name: `${first} ${last}`,
      phoneNumber: `+1 650-555-${String(between(0, 9999)).padStart(4, '0')}`,
      role,
      createdAt,
      preferences: { theme: random() < 0.3 ? 'dark' : 'light', notifications: random() < 0.8 },
      ...sync(userId, createdAt),
    });
  }
  const instructors = users.filter((u) => u.role === 'instructor');
  const customers = users.filter((u) => u.role === 'customer');
  const staff = users.filter((u) => u.role === 'staff' || u.role === 'admin');

  const bookings: Booking[] = [];
  type Service = (typeof SERVICES)[number];
  const addBooking = (dateMs: number, bookingTime: string, service: Service, duration: number, aircraft: string, customer: User, instructor: User | undefined) => {
    const bookingId = `bk-s${seed}-${String(bookings.length).padStart(7, '0')}`;
    const bookedBy = Math.min(dateMs, latestWriteMs);
    const createdAt = instant(bookedBy - 30 * DAY_MS, bookedBy);
    const status: BookingStatus =
      dateMs < anchorMs
        ? random() < 0.08 ? 'cancelled' : random() < 0.95 ? 'completed' : 'confirmed'
        : dateMs === anchorMs
          ? random() < 0.85 ? 'confirmed' : 'pending'
          : random() < 0.05 ? 'cancelled' : random() < 0.7 ? 'confirmed' : 'pending';
    const amount = Math.round(duration * service.price * (0.9 + random() * 0.2) * 100) / 100;
    const note = pick(NOTES);
    bookings.push({
      bookingId,
      userId: customer.userId,
      serviceType: service.type,
      bookingDate: new Date(dateMs).toISOString().slice(0, 10),
      bookingTime,
      status,
      details: {
        duration,
        location: pick(AIRFIELDS),
        aircraft,
        ...(instructor ? { instructorId: instructor.userId } : {}),
        ...(note ? { notes: note } : {}),
      },
      paymentInfo: {
        amount,
        currency: 'USD',
        paymentMethod: pick(['card', 'account', 'voucher']),
        paymentStatus: status === 'cancelled' ? 'refunded' : status === 'completed' ? 'paid' : 'pending',
      },
      ...(status === 'cancelled'
        ? { cancellation: { reason: pick(CANCEL_REASONS), by: pick(staff.length ? staff : users).userId, at: createdAt } }
        : {}),
      createdAt,
      ...sync(bookingId, createdAt),
    });
  };
  // Nobody (aircraft, customer, instructor) is booked twice at once: the sample shows no double booking.
  const busy = new Map<string, Array<[number, number]>>();
  const isFree = (who: string, dateMs: number, from: number, to: number) => !(busy.get(`${who}|${dateMs}`) ?? []).some(([start, end]) => start < to && from < end);
  const freeAmong = (people: readonly User[], dateMs: number, from: number, to: number) => {
    for (let tries = 0; tries < 8; tries++) {
      const person = pick(people);
      if (isFree(person.userId, dateMs, from, to)) return person;
    }
    return people.find((person) => isFree(person.userId, dateMs, from, to));
  };
  /** Books the slot when the aircraft, a customer and (for an instructed service) an instructor are free; the minutes booked, else 0. */
  const book = (dateMs: number, startsAt: number, service: Service, duration: number, aircraft: string): number => {
    const endsAt = startsAt + duration;
    if (!isFree(aircraft, dateMs, startsAt, endsAt)) return 0;
    const customer = freeAmong(customers.length ? customers : users, dateMs, startsAt, endsAt);
    const instructor = service.instructed && instructors.length ? freeAmong(instructors, dateMs, startsAt, endsAt) : undefined;
    if (!customer || (service.instructed && instructors.length && !instructor)) return 0;
    for (const who of [aircraft, customer.userId, ...(instructor ? [instructor.userId] : [])]) {
      const key = `${who}|${dateMs}`;
      busy.set(key, [...(busy.get(key) ?? []), [startsAt, endsAt]]);
    }
    addBooking(dateMs, timeOfMinutes(startsAt), service, duration, aircraft, customer, instructor);
    return duration;
  };
  const SOLO = SERVICES.filter((service) => !service.instructed);

  // The anchor day first: every aircraft flown back to back from opening to closing (solo when no instructor is free).
  const today = hoursOn(anchorMs);
  for (const aircraft of AIRCRAFT) {
    for (let startsAt = minutesOfDay(today.open); bookings.length < counts.bookings; ) {
      const fits = (minutes: number) => startsAt + minutes <= minutesOfDay(today.close);
      const fitting = SERVICES.filter((service) => service.durations.some(fits));
      if (fitting.length === 0) break;
      const service = weighted(fitting);
      const booked =
        book(anchorMs, startsAt, service, pick(service.durations.filter(fits)), aircraft) ||
        SOLO.filter((solo) => solo.durations.some(fits)).reduce((done, solo) => done || book(anchorMs, startsAt, solo, pick(solo.durations.filter(fits)), aircraft), 0);
      // Nobody free to fly at this time: the aircraft waits a quarter of an hour.
      startsAt += booked ? Math.ceil(booked / 15) * 15 : 15;
    }
  }
  // The rest spread over the weeks around it (the anchor day is full), each within its day's opening hours.
  for (let attempts = 0; bookings.length < counts.bookings && attempts < counts.bookings * 50; attempts++) {
    const offset = between(-7 * WEEKS_BEFORE, 7 * WEEKS_AFTER - 1);
    const dateMs = anchorMs + (offset >= 0 ? offset + 1 : offset) * DAY_MS;
    const hours = hoursOn(dateMs);
    const service = weighted(SERVICES);
    const duration = pick(service.durations.filter((minutes) => minutesOfDay(hours.open) + minutes <= minutesOfDay(hours.close)));
    const startsAt = minutesOfDay(hours.open) + 30 * between(0, Math.floor((minutesOfDay(hours.close) - minutesOfDay(hours.open) - duration) / 30));
    book(dateMs, startsAt, service, duration, pick(AIRCRAFT));
  }

  const KINDS: Record<AssetType, Array<{ name: string; title: string; image?: { style: SampleImageStyle; width: number; height: number } }>> = {
    image: [
      { name: 'profile-photo', title: 'Profile photo', image: { style: 'portrait', width: 240, height: 300 } },
      { name: 'logbook-page', title: 'Logbook page', image: { style: 'ruled-page', width: 600, height: 800 } },
    ],
    document: [
      { name: 'medical-certificate', title: 'Medical certificate' },
      { name: 'student-pilot-certificate', title: 'Student pilot certificate' },
      { name: 'renters-insurance', title: "Renter's insurance" },
    ],
    // No sample videos: every sample file is a small generated one that opens, and a valid MP4 is neither.
    video: [],
  };
  const assets: Asset[] = [];
  const objects: SampleObject[] = [];
  for (let i = 0; i < counts.assets; i++) {
    const assetType = weighted([
      { type: 'image' as const, weight: 55 },
      { type: 'document' as const, weight: 45 },
    ]).type;
    const kind = pick(KINDS[assetType]);
    const owner = pick(users);
    const assetId = `as-s${seed}-${String(i).padStart(7, '0')}`;
    // The file depends only on the kind, the owner and the index, never on the anchor: a later seed with another anchor puts the same bytes at the same key.
    const file = kind.image
      ? { mimeType: 'image/png', ext: 'png', body: samplePng(kind.image.style, kind.image.width, kind.image.height, (i * 47) % 360) }
      : { mimeType: 'application/pdf', ext: 'pdf', body: samplePdf(kind.title, [`Holder: ${owner.name}`, `Reference: ${assetId}`, 'A sample document of the PilotForce sample school.']) };
    const fileName = `${kind.name}-${i}.${file.ext}`;
    const s3Key = `users/${owner.userId}/${assetId}/${fileName}`;
    const createdAt = instant(anchorMs - 365 * DAY_MS, latestWriteMs);
    assets.push({
      assetId,
      assetType,
      fileName,
      s3Key,
      mimeType: file.mimeType,
      size: file.body.byteLength,
      userId: owner.userId,
      tags: random() < 0.5 ? [kind.name] : [kind.name, pick(['current', 'archived', 'review'])],
      ...(kind.image ? { metadata: { width: kind.image.width, height: kind.image.height } } : {}),
      createdAt,
      ...sync(assetId, createdAt),
    });
    objects.push({ key: s3Key, contentType: file.mimeType, body: file.body });
  }
  const settingsAt = new Date(anchorMs - 730 * DAY_MS).toISOString().replace('.000Z', 'Z');
  // The fleet draws nothing at random: adding it left every other sample item as it was.
  const fleet: Resource[] = AIRCRAFT.map((registration) => {
    const resourceId = `aircraft#${registration}`;
    const annualDueOn = new Date(anchorMs + (registration === 'N52394' ? 21 : 120) * DAY_MS).toISOString().slice(0, 10);
    const grounding = registration === 'N630DA' ? { grounding: { reason: 'Annual inspection', from: new Date(anchorMs).toISOString(), until: new Date(anchorMs + 3 * DAY_MS).toISOString(), by: 'Sam Maintenance' } } : {};
    return ResourceSchema.parse({ resourceId, resourceType: 'aircraft', name: registration, homeLocation: 'Palo Alto (KPAO)', ...FLEET[registration], annualDueOn, ...grounding, createdAt: settingsAt, ...sync(resourceId, settingsAt) });
  });
  return { resources: [sampleSchoolSettings(sync(SCHOOL_SETTINGS_ID, settingsAt)), ...fleet], users, bookings, assets, objects };
}

function hoursOn(dateMs: number): OpeningHours {
  return SAMPLE_OPENING_HOURS[WEEKDAYS[(new Date(dateMs).getUTCDay() + 6) % 7]!]!;
}

/** The sample school flies from the Bay Area's airfields: its zone is theirs, its default service the lesson. */
function sampleSchoolSettings(syncAttributes: { version: number; syncBucket: number; updatedAt: string; updatedBy: string; clientSeq: Record<string, number> }): Resource {
  const defaults = defaultSchoolSettings(SAMPLE_TIME_ZONE);
  return {
    resourceId: SCHOOL_SETTINGS_ID,
    resourceType: 'school-settings',
    ...defaults,
    openingHours: SAMPLE_OPENING_HOURS,
    bookingDefaults: { durationMinutes: 60, serviceType: 'lesson' },
    createdAt: syncAttributes.updatedAt,
    ...syncAttributes,
  };
}

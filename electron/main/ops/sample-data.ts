import { defaultSchoolSettings, SCHOOL_SETTINGS_ID, type Asset, type AssetType, type Booking, type BookingStatus, type Resource, type User } from '@shared/models';
import { seededRandom } from '@shared/random';
import { syncBucketOf } from '@shared/tables';

/**
 * Deterministic, realistic flight-school data: the same seed and counts give the same items, byte for
 * byte. Every item carries the sync attributes (version 1, syncBucket, updatedAt) so it is in SyncIndex
 * from the start, and fits its zod schema. Keys embed the seed (`...-s<seed>-...`), so two seeds never
 * collide and the seeder can tell its own items apart.
 */
export type SampleCounts = { users: number; bookings: number; assets: number };
/** `resources` is the school's settings item, whatever the counts (the fleet issue adds aircraft). */
export type SampleData = { resources: Resource[]; users: User[]; bookings: Booking[]; assets: Asset[] };

export const SAMPLE_WRITER = 'db-seed';

const FIRST_NAMES = ['Amelia', 'Charles', 'Bessie', 'Chuck', 'Jacqueline', 'Wiley', 'Harriet', 'Orville', 'Sally', 'Neil', 'Eileen', 'Buzz', 'Mae', 'Jimmy', 'Patty', 'Bob', 'Jerrie', 'Scott', 'Geraldyn', 'Tammie', 'Raj', 'Mei', 'Lucia', 'Tomasz'];
const LAST_NAMES = ['Earhart', 'Lindbergh', 'Coleman', 'Yeager', 'Cochran', 'Post', 'Quimby', 'Wright', 'Ride', 'Armstrong', 'Collins', 'Aldrin', 'Jemison', 'Doolittle', 'Wagstaff', 'Hoover', 'Mock', 'Crossfield', 'Cobb', 'Jo Shults', 'Patel', 'Chen', 'Garcia', 'Nowak'];
const AIRFIELDS = ['KPAO Palo Alto', 'KSQL San Carlos', 'KHWD Hayward', 'KLVK Livermore', 'KRHV Reid-Hillview', 'KOAK Oakland', 'KHAF Half Moon Bay'];
const AIRCRAFT = ['N172PF', 'N4471R', 'N738SP', 'N52394', 'N9120F', 'N23PA', 'N630DA', 'N5128K'];
const SERVICES: Array<{ type: string; weight: number; durations: number[]; instructed: boolean; price: number }> = [
  { type: 'lesson', weight: 55, durations: [60, 90, 120], instructed: true, price: 2.95 },
  { type: 'checkride', weight: 8, durations: [120, 180], instructed: true, price: 4.5 },
  { type: 'rental', weight: 27, durations: [60, 120, 180, 240], instructed: false, price: 2.4 },
  { type: 'discovery-flight', weight: 10, durations: [45, 60], instructed: true, price: 3.3 },
];
const NOTES = ['Pattern work and landings', 'Steep turns, slow flight, stalls', 'Cross-country to the coast', 'Night currency', 'Pre-checkride review', 'Bring logbook and headset', 'Instrument approaches under the hood', ''];
const CANCEL_REASONS = ['Weather below minimums', 'Aircraft in maintenance', 'Student ill', 'Instructor unavailable'];

export function generateSampleData(seed: number, counts: SampleCounts): SampleData {
  if (counts.bookings + counts.assets > 0 && counts.users === 0) throw new RangeError('bookings and assets need at least one user');
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const weighted = <T extends { weight: number }>(list: readonly T[]): T => {
    let roll = random() * list.reduce((sum, entry) => sum + entry.weight, 0);
    for (const entry of list) if ((roll -= entry.weight) < 0) return entry;
    return list[list.length - 1] as T;
  };
  // Whole seconds, as the seed writes instants (`2023-07-15T10:15:00Z`).
  const instant = (fromMs: number, toMs: number) =>
    new Date(Math.floor((fromMs + random() * (toMs - fromMs)) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const sync = (key: string, at: string) => ({ version: 1, syncBucket: syncBucketOf(key), updatedAt: at, updatedBy: SAMPLE_WRITER, clientSeq: {} });
  const start = Date.UTC(2023, 0, 1);
  const end = Date.UTC(2024, 11, 31);

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
    const createdAt = instant(start, Date.UTC(2023, 11, 31));
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
  for (let i = 0; i < counts.bookings; i++) {
    const service = weighted(SERVICES);
    const customer = pick(customers.length ? customers : users);
    const bookingId = `bk-s${seed}-${String(i).padStart(7, '0')}`;
    const dateMs = start + between(0, Math.floor((end - start) / 86_400_000)) * 86_400_000;
    const bookingDate = new Date(dateMs).toISOString().slice(0, 10);
    const bookingTime = `${String(between(7, 18)).padStart(2, '0')}:${random() < 0.5 ? '00' : '30'}`;
    const createdAt = instant(dateMs - 30 * 86_400_000, dateMs);
    const past = dateMs < Date.UTC(2024, 5, 1);
    const status: BookingStatus = random() < 0.08 ? 'cancelled' : past ? (random() < 0.95 ? 'completed' : 'confirmed') : random() < 0.7 ? 'confirmed' : 'pending';
    const duration = pick(service.durations);
    const amount = Math.round(duration * service.price * (0.9 + random() * 0.2) * 100) / 100;
    const note = pick(NOTES);
    const instructor = service.instructed && instructors.length ? pick(instructors) : undefined;
    bookings.push({
      bookingId,
      userId: customer.userId,
      serviceType: service.type,
      bookingDate,
      bookingTime,
      status,
      details: {
        duration,
        location: pick(AIRFIELDS),
        aircraft: pick(AIRCRAFT),
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
  }

  const KINDS: Record<AssetType, Array<{ name: string; mime: string; ext: string; size: [number, number] }>> = {
    image: [
      { name: 'profile', mime: 'image/jpeg', ext: 'jpg', size: [40_000, 900_000] },
      { name: 'logbook-page', mime: 'image/png', ext: 'png', size: [200_000, 3_000_000] },
    ],
    document: [
      { name: 'medical-certificate', mime: 'application/pdf', ext: 'pdf', size: [50_000, 400_000] },
      { name: 'student-pilot-certificate', mime: 'application/pdf', ext: 'pdf', size: [50_000, 400_000] },
      { name: 'renters-insurance', mime: 'application/pdf', ext: 'pdf', size: [80_000, 600_000] },
    ],
    video: [{ name: 'landing-debrief', mime: 'video/mp4', ext: 'mp4', size: [5_000_000, 400_000_000] }],
  };
  const assets: Asset[] = [];
  for (let i = 0; i < counts.assets; i++) {
    const assetType = weighted([
      { type: 'image' as const, weight: 50 },
      { type: 'document' as const, weight: 40 },
      { type: 'video' as const, weight: 10 },
    ]).type;
    const kind = pick(KINDS[assetType]);
    const owner = pick(users);
    const assetId = `as-s${seed}-${String(i).padStart(7, '0')}`;
    const fileName = `${kind.name}-${i}.${kind.ext}`;
    const createdAt = instant(start, end);
    assets.push({
      assetId,
      assetType,
      fileName,
      s3Key: `users/${owner.userId}/${assetId}/${fileName}`,
      mimeType: kind.mime,
      size: between(kind.size[0], kind.size[1]),
      userId: owner.userId,
      tags: random() < 0.5 ? [kind.name] : [kind.name, pick(['2023', '2024', 'archived', 'review'])],
      ...(assetType === 'image' ? { metadata: { width: pick([640, 1280, 1920, 3024]), height: pick([480, 720, 1080, 4032]) } } : {}),
      createdAt,
      ...sync(assetId, createdAt),
    });
  }
  return { resources: [sampleSchoolSettings(sync(SCHOOL_SETTINGS_ID, '2023-01-01T00:00:00Z'))], users, bookings, assets };
}

/** The sample school flies from the Bay Area's airfields: its zone is theirs, its default service the lesson. */
function sampleSchoolSettings(syncAttributes: { version: number; syncBucket: number; updatedAt: string; updatedBy: string; clientSeq: Record<string, number> }): Resource {
  const defaults = defaultSchoolSettings('America/Los_Angeles');
  return {
    resourceId: SCHOOL_SETTINGS_ID,
    resourceType: 'school-settings',
    ...defaults,
    bookingDefaults: { durationMinutes: 60, serviceType: 'lesson' },
    createdAt: syncAttributes.updatedAt,
    ...syncAttributes,
  };
}

import type { KnownRole } from '@shared/models';

/** Roles as the office says them; an unknown role (the seed's `role` is open) is shown as it is stored. */
const ROLE_LABELS: Record<KnownRole, string> = { admin: 'Admin', staff: 'Office staff', instructor: 'Instructor', customer: 'Student' };

export function roleLabel(role: string): string {
  return Object.hasOwn(ROLE_LABELS, role) ? ROLE_LABELS[role as KnownRole] : role;
}

/** A stored service type such as `flight-lesson` as words: "Flight lesson". */
export function serviceTypeLabel(serviceType: string): string {
  const words = serviceType.replace(/[-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : serviceType;
}

/** An id for a new entry made from its name, as the settings' ids are written: `Medical certificate` -> `medical-certificate`. */
export function idFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** Fields as the office names them in a history or a conflict; anything else by its own name, map keys after their map's. */
const FIELD_LABELS: Record<string, string> = {
  userId: 'Student',
  instructorId: 'Instructor',
  serviceType: 'Service type',
  bookingDate: 'Date',
  bookingTime: 'Time',
  status: 'Status',
  cancellation: 'Cancellation',
  reversal: 'Status taken back',
  overrides: 'Saved against warnings',
  'details.notes': 'Notes',
  'details.duration': 'Duration (minutes)',
  'details.location': 'Location',
  'details.aircraft': 'Aircraft',
  'paymentInfo.amount': 'Amount',
  'paymentInfo.currency': 'Currency',
  phoneNumber: 'Phone',
  profileImageUrl: 'Photo',
  fileName: 'File name',
  assetType: 'File type',
  'metadata.documentKind': 'Document kind',
  'metadata.issuedOn': 'Issued on',
  'metadata.expiresOn': 'Expires on',
  name: 'Name',
  email: 'Email',
  role: 'Role',
  tags: 'Tags',
  preferences: 'Preferences',
};

export function fieldLabel(path: readonly string[]): string {
  const joined = path.join('.');
  if (Object.hasOwn(FIELD_LABELS, joined)) return FIELD_LABELS[joined] as string;
  const words = (text: string) => text.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  const [top, child] = path;
  const first = words(top ?? '');
  const label = child === undefined ? first : `${Object.hasOwn(FIELD_LABELS, top ?? '') ? FIELD_LABELS[top ?? ''] : first}: ${words(child)}`;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Time left as the office reads it: "about 12 s left", "about 3 min left". */
export function timeLeftText(seconds: number): string {
  return seconds < 90 ? `about ${Math.max(1, Math.ceil(seconds))} s left` : `about ${Math.round(seconds / 60)} min left`;
}

/** A count with its noun in the office's words: "1 booking", "3 bookings", "2 rows were". */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

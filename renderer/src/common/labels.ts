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

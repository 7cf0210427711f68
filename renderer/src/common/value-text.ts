import { isExactNumber, numberText, type DynamoValue } from '@shared/values';
import { countOf, fieldLabel, roleLabel, serviceTypeLabel } from './labels';

/** Any stored value as text for a cell, an input or CSV: exact numbers keep their digits, maps and lists are JSON. */
export function valueText(value: DynamoValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (isExactNumber(value)) return numberText(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A value as the office reads it: people by name, service types and roles in words, no JSON. */
export function valueWords(path: readonly string[], value: DynamoValue | undefined, nameOf: (userId: string) => string): string {
  if (value === undefined || value === null) return 'nothing';
  const field = path.join('.');
  if (typeof value === 'string') {
    if (field === 'userId' || field === 'instructorId' || field === 'details.instructorId') return nameOf(value);
    if (field === 'serviceType') return serviceTypeLabel(value);
    if (field === 'role') return roleLabel(value);
    if (field === 'status') return value.charAt(0).toUpperCase() + value.slice(1);
    return value.length > 120 ? `${value.slice(0, 117)}...` : value;
  }
  if (typeof value === 'number' || isExactNumber(value)) return numberText(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : `${countOf(value.length, 'entry', 'entries')}`;
  const parts = Object.entries(value as Record<string, DynamoValue>).filter(([name]) => !name.startsWith('$'));
  return parts.length === 0 ? 'a set' : parts.map(([name, inner]) => `${fieldLabel([name]).toLowerCase()} ${valueWords([name], inner, nameOf)}`).join(', ');
}

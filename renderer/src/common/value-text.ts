import { isExactNumber, numberText, type DynamoValue } from '@shared/values';

/** Any stored value as text for a cell, an input or CSV: exact numbers keep their digits, maps and lists are JSON. */
export function valueText(value: DynamoValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (isExactNumber(value)) return numberText(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

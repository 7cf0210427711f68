import { z } from 'zod';

/**
 * The app's form of a DynamoDB attribute value: plain data that survives JSON, structured clone
 * (Electron IPC) and IndexedDB alike, so no transport needs a codec of its own.
 *
 * - A number that a JavaScript number represents exactly is a `number`; any other (38 digits,
 *   long decimals) is `{ $n: "<DynamoDB's digits>" }`, never rounded.
 * - Sets (SS, NS, BS), which JSON cannot carry, are tagged objects; binary is base64.
 */
export type ExactNumber = { $n: string };
export type DynamoSet =
  | { $ss: string[] }
  | { $ns: Array<number | ExactNumber> }
  | { $bs: string[] };
export type DynamoBinary = { $b: string };
export type DynamoValue =
  | string
  | number
  | boolean
  | null
  | ExactNumber
  | DynamoSet
  | DynamoBinary
  | DynamoValue[]
  | { [key: string]: DynamoValue };

/** DynamoDB's number grammar: up to 38 significant digits, sent as decimal text. */
const NUMBER_TEXT = /^-?(\d+)(\.\d+)?([eE][+-]?\d+)?$/;

export const ExactNumberSchema = z.strictObject({
  $n: z.string().regex(NUMBER_TEXT, 'not a number'),
});

export const DynamoValueSchema: z.ZodType<DynamoValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number().refine(Number.isFinite, 'numbers must be finite'),
    z.boolean(),
    z.null(),
    ExactNumberSchema,
    z.strictObject({ $ss: z.array(z.string()) }),
    z.strictObject({ $ns: z.array(z.union([z.number(), ExactNumberSchema])) }),
    z.strictObject({ $bs: z.array(z.string()) }),
    z.strictObject({ $b: z.string() }),
    z.array(DynamoValueSchema),
    z.record(z.string(), DynamoValueSchema),
  ]),
);

/** A number that DynamoDB sent as text, as a JS number when that is exact, else kept as text. */
export function numberFromDynamoText(text: string): number | ExactNumber {
  const value = Number(text);
  // Beyond 2^53 the SDK refuses to write a JS number back, so those stay text even when exact.
  const exact = Math.abs(value) <= Number.MAX_SAFE_INTEGER && sameNumberText(String(value), text);
  return exact ? value : { $n: text };
}

/** True when two decimal texts name the same number (DynamoDB drops trailing zeros, JS may not). */
function sameNumberText(a: string, b: string): boolean {
  return normalizeNumberText(a) === normalizeNumberText(b);
}

/** Canonical form `[-]digits e exponent`, with no leading or trailing zeros in the digits. */
function normalizeNumberText(text: string): string {
  const match = NUMBER_TEXT.exec(text.trim());
  if (!match) return text;
  const fraction = (match[2] ?? '').slice(1);
  let exponent = Number((match[3] ?? 'e0').slice(1)) - fraction.length;
  let digits = `${match[1] ?? ''}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0';
  const trailingZeros = /0*$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailingZeros);
  exponent += trailingZeros;
  return `${text.trim().startsWith('-') ? '-' : ''}${digits}e${exponent}`;
}

export function isExactNumber(value: unknown): value is ExactNumber {
  return typeof value === 'object' && value !== null && '$n' in value && Object.keys(value).length === 1;
}

/** Decimal text of a number in either form, for display and CSV. */
export function numberText(value: number | ExactNumber): string {
  return typeof value === 'number' ? String(value) : value.$n;
}

/** A money amount or other decimal that may arrive as exact text. */
export const DecimalSchema = z.union([z.number().refine(Number.isFinite, 'numbers must be finite'), ExactNumberSchema]);
export type Decimal = z.infer<typeof DecimalSchema>;

/** Structural equality of two app values (maps compare by keys, not key order). */
export function valuesEqual(a: DynamoValue | undefined, b: DynamoValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]));
  }
  const aMap = a as Record<string, DynamoValue>;
  const bMap = b as Record<string, DynamoValue>;
  const aKeys = Object.keys(aMap);
  if (aKeys.length !== Object.keys(bMap).length) return false;
  return aKeys.every((key) => key in bMap && valuesEqual(aMap[key], bMap[key]));
}

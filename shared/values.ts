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

/** What DynamoDB refuses to store, so it is refused before the write (a form field, a push rejection). */
const NUMBER_LIMITS_MESSAGE = 'DynamoDB keeps at most 38 significant digits, from 1E-130 to below 1E+126';

export const ExactNumberSchema = z.strictObject({
  $n: z.string().regex(NUMBER_TEXT, 'not a number').refine((text) => fitsDynamoNumber(text), NUMBER_LIMITS_MESSAGE),
});

/** Base64 as Buffer reads it back unchanged (junk would be dropped silently). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const Base64Schema = z.string().regex(BASE64, 'not base64');

/** DynamoDB refuses an empty set and one with a member twice (the SDK would silently drop the copy). */
function setOf<T extends z.ZodType>(member: T, identity: (value: z.output<T>) => string) {
  return z
    .array(member)
    .min(1, 'DynamoDB has no empty sets')
    .refine((members) => new Set(members.map(identity)).size === members.length, 'a set holds each member once');
}

/** The tags of the value form: a map whose only key is one of them is read as that tagged value. */
const VALUE_TAGS = new Set(['$n', '$ss', '$ns', '$bs', '$b']);

/** A set, binary or exact number in the value form: one DynamoDB value, not a map. */
export function isTaggedValue(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && VALUE_TAGS.has(keys[0] ?? '');
}

/**
 * DynamoDB's nesting limit: maps and lists inside each other at most 32 levels deep, the item itself
 * being the first (on DynamoDB Local an attribute holds 31 lists inside each other, not 32).
 */
export const MAX_NESTING_LEVELS = 32;

/**
 * The deepest value the value schema parses. DynamoDB's own limit depends on where a value sits in its
 * item, so push checks it (`nestingLevels`); this one only keeps the recursive parse (and JSON, and the
 * marshaller) from running out of stack on a hostile value nested thousands of levels deep.
 */
export const MAX_PARSED_DEPTH = 2 * MAX_NESTING_LEVELS;

/**
 * Levels of lists and maps in a value (0 for a scalar, 1 for a flat list or map), found without
 * recursion, so any depth is safe to measure; stops counting past `limit`. `isOneValue` says which
 * objects are leaves. Only arrays and plain objects are walked: nothing else is a value.
 */
function depthOf(value: unknown, limit: number, isOneValue: (object: object) => boolean): number {
  let deepest = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const current = next.value;
    if (typeof current !== 'object' || current === null || !isWalkable(current) || isOneValue(current)) continue;
    const depth = next.depth + 1;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push({ value: child, depth });
  }
  return deepest;
}

function isWalkable(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}

/** Every array and object counts, tags included: the depth recursive code would descend. */
export function jsonDepth(value: unknown, limit = MAX_PARSED_DEPTH): number {
  return depthOf(value, limit, () => false);
}

/** DynamoDB's count of a (validated) value's levels: a set, binary or exact number is one value. */
export function nestingLevels(value: DynamoValue, limit = MAX_NESTING_LEVELS): number {
  return depthOf(value, limit, isTaggedValue);
}

const ValueSchema: z.ZodType<DynamoValue> = z.lazy(() =>
  z.union(
    [
      z.string(),
      FiniteNumberSchema,
      z.boolean(),
      z.null(),
      ExactNumberSchema,
      z.strictObject({ $ss: setOf(z.string(), (text) => text) }),
      z.strictObject({ $ns: setOf(z.union([FiniteNumberSchema, ExactNumberSchema]), (n) => normalizeNumberText(numberText(n))) }),
      z.strictObject({ $bs: setOf(Base64Schema, (text) => text) }),
      z.strictObject({ $b: Base64Schema }),
      z.array(ValueSchema),
      z
        .record(z.string(), ValueSchema)
        .refine((map) => !isTaggedValue(map), 'a map with one key $n, $ss, $ns, $bs or $b must be that tagged value'),
    ],
    { error: 'not a value DynamoDB stores (numbers within 38 digits, { $n: text } beyond 2^53; sets non-empty, each member once; binary as base64)' },
  ),
);

/** A value's depth is measured, without recursion, before the recursive parse may run. */
export const DynamoValueSchema: z.ZodType<DynamoValue> = z
  .unknown()
  .refine((value) => jsonDepth(value) <= MAX_PARSED_DEPTH, {
    error: `lists and maps nested more than ${MAX_PARSED_DEPTH} levels deep (DynamoDB stores at most ${MAX_NESTING_LEVELS})`,
    abort: true,
  })
  .pipe(ValueSchema);

export type ValueMap = { [key: string]: DynamoValue };

/** A map attribute: an object that is neither a list nor a tagged value (exact number, set, binary). */
export function isValueMap(value: unknown): value is ValueMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isTaggedValue(value);
}

/** DynamoDB's number limits: at most 38 significant digits, magnitude from 1E-130 to below 1E+126. */
export function fitsDynamoNumber(text: string): boolean {
  const canonical = /^-?(\d+)e(-?\d+)$/.exec(normalizeNumberText(text));
  if (!canonical) return text.trim() !== '' && normalizeNumberText(text) === '0';
  const digits = canonical[1] ?? '';
  const leadingExponent = Number(canonical[2]) + digits.length - 1;
  return digits.length <= 38 && leadingExponent >= -130 && leadingExponent <= 125;
}

/**
 * A JS number the SDK writes exactly: finite, within 2^53 (beyond it the value form is `{ $n }`, and the
 * SDK refuses such a number), and not below DynamoDB's smallest magnitude (5e-324 is not stored).
 */
const FiniteNumberSchema = z
  .number()
  .refine((value) => Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER, 'a number beyond 2^53 is sent as { $n: text }')
  .refine((value) => fitsDynamoNumber(String(value)), NUMBER_LIMITS_MESSAGE);

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
  return typeof value === 'object' && value !== null && Object.hasOwn(value, '$n') && Object.keys(value).length === 1;
}

/** Decimal text of a number in either form, for display and CSV. */
export function numberText(value: number | ExactNumber): string {
  return typeof value === 'number' ? String(value) : value.$n;
}

/** A money amount or other decimal that may arrive as exact text. */
export const DecimalSchema = z.union([FiniteNumberSchema, ExactNumberSchema], { error: `a number (${NUMBER_LIMITS_MESSAGE})` });
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
  return aKeys.every((key) => Object.hasOwn(bMap, key) && valuesEqual(aMap[key], bMap[key]));
}

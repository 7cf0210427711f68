import type { z } from 'zod';
import { keyAttribute } from '../tables';
import type { DynamoValue } from '../values';
import { ENTITY_SCHEMAS, type EntityName, type EntityOf } from './index';

export type ItemValidation<E extends EntityName> =
  | { ok: true; item: EntityOf<E> }
  /** `key` is the item's key when it has a usable one, so the item can be quarantined and shown by key. */
  | { ok: false; key: string | null; reason: string };

/**
 * Checks an item read from DynamoDB against its entity's schema. The reason names every bad attribute
 * path and what is wrong with it, e.g. `bookingDate: not a date (YYYY-MM-DD); status: expected one of
 * "pending", "confirmed", "completed", "cancelled"`.
 */
export function validateItem<E extends EntityName>(entity: E, raw: Record<string, DynamoValue>): ItemValidation<E> {
  const parsed = ENTITY_SCHEMAS[entity].safeParse(raw);
  if (parsed.success) return { ok: true, item: parsed.data as EntityOf<E> };
  const keyValue = raw[keyAttribute(entity)];
  return {
    ok: false,
    key: typeof keyValue === 'string' && keyValue !== '' ? keyValue : null,
    reason: describeIssues(parsed.error.issues, raw),
  };
}

/**
 * The app's one text for what is wrong with an input, one line per issue (`path: what is wrong`);
 * `input` is what was parsed, so a line can tell a missing field from a wrong one and quote it.
 */
export function issueLines(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.map((issue) => (issue.path.length ? `${pathText(issue.path)}: ` : '') + issueText(issue, input));
}

/** The issue lines in one line: `bookingDate: not a date (YYYY-MM-DD); status: expected one of ...`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  return issueLines(issues, input).join('; ');
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** zod's messages, reworded where they would puzzle an office user or an operator reading a log. */
function issueText(issue: z.core.$ZodIssue, input: unknown): string {
  const actual = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return actual === undefined ? 'missing' : `expected ${issue.expected}, got ${describeValue(actual)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(actual)}`;
    case 'invalid_format':
      if (issue.format === 'date') return 'not a date (YYYY-MM-DD)';
      if (issue.format === 'datetime') return 'not an ISO-8601 instant (e.g. 2023-07-15T10:15:00Z)';
      return `${issue.message} (got ${describeValue(actual)})`;
    default:
      return issue.message;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  // Input over IPC can hold what JSON cannot write (a BigInt): describe it by its type.
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = `a ${typeof value}`;
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

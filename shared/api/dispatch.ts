import type { z } from 'zod';
import { describeIssues } from '../models/validate';
import { CALLS, type CallContext, type CallName, type Handlers } from './contract';
import type { CallDefinition } from './define';
import { ApiFailure, fail, ok, type Result } from './result';

/** Where the real cause of an `internal` error goes (main's logger); the caller only sees a safe message. */
export type DispatchLog = (message: string, details: { call: string; error: unknown }) => void;

export const INTERNAL_MESSAGE = 'Something went wrong in the app. The details are in its log.';

/** Longest validation message sent back: a hostile payload must not make a huge reply. */
const MAX_MESSAGE_LENGTH = 500;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(CALLS, name);
}

/**
 * Runs one call from any transport: the channel must be in the contract, the input is validated by its
 * schema, the handler's failures become safe errors, and the output is validated before it leaves main.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  input: unknown,
  context: CallContext,
  log: DispatchLog,
): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return fail('invalid_input', `Unknown call ${describeName(name)}.`);
  }
  const definition: CallDefinition = CALLS[name];
  let parsedInput: ReturnType<typeof definition.input.safeParse>;
  try {
    parsedInput = definition.input.safeParse(input);
  } catch (error) {
    // A schema must refuse, not throw; if one ever does, the caller gets an answer and the cause is logged.
    log('call input could not be checked', { call: name, error });
    return fail('internal', INTERNAL_MESSAGE);
  }
  if (!parsedInput.success) {
    return fail('invalid_input', `Invalid input for ${name}: ${describeInput(parsedInput.error, input)}`);
  }
  const handler = handlers[name] as (input: unknown, context: CallContext) => Promise<unknown>;
  let output: unknown;
  try {
    output = await handler(parsedInput.data, context);
  } catch (error) {
    if (error instanceof ApiFailure) return fail(error.code, error.message);
    log('call failed', { call: name, error });
    return fail('internal', INTERNAL_MESSAGE);
  }
  const parsedOutput = definition.output.safeParse(output);
  if (!parsedOutput.success) {
    log('call returned an output that does not fit its schema', { call: name, error: parsedOutput.error });
    return fail('internal', INTERNAL_MESSAGE);
  }
  return ok(parsedOutput.data);
}

function describeName(name: unknown): string {
  if (typeof name !== 'string') return `(a ${name === null ? 'null' : typeof name}, not a name)`;
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
}

/** What is wrong with an input (the app's one validation text), so a caller can see what to fix; kept short. */
export function describeInput(error: z.ZodError, input: unknown): string {
  const text = describeIssues(error.issues, input);
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}

import type { z } from 'zod';

/** A call from renderer to main: its input and output schemas. */
export type CallDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  input: I;
  output: O;
};

export function defineCall<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallDefinition<I, O> {
  return { input, output };
}

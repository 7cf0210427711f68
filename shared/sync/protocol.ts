import { z } from 'zod';
import { ENTITY_NAMES } from '../models';
import { IsoInstantSchema } from '../models/sync-attributes';
import { DynamoValueSchema } from '../values';

/**
 * The push/pull protocol between the renderer's sync client and main's sync gateway
 * (DESIGN.md, "Processes and data flow"). Items travel in the app's value form (shared/values).
 */
export const EntityNameSchema = z.enum(ENTITY_NAMES as ['users', 'bookings', 'assets']);

/** An item as stored in DynamoDB, before or after validation against its entity schema. */
export const ServerItemSchema = z.record(z.string(), DynamoValueSchema);
export type ServerItem = z.infer<typeof ServerItemSchema>;

/** A top-level attribute, or one key inside a map attribute (`['details', 'notes']`). */
export const FieldPathSchema = z.array(z.string().min(1).max(255)).min(1).max(2);
export type FieldPath = z.infer<typeof FieldPathSchema>;

/** One field's change with its value at the base version (absent `base`: the field was absent). */
export const FieldChangeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), path: FieldPathSchema, value: DynamoValueSchema, base: DynamoValueSchema.optional() }),
  z.object({ op: z.literal('remove'), path: FieldPathSchema, base: DynamoValueSchema.optional() }),
]);
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/** The version a mutation was made against: the condition of its write. */
export const ExpectedVersionSchema = z.object({
  version: z.number().int().min(0),
  updatedAt: IsoInstantSchema,
});

const mutationBase = {
  clientId: z.string().min(1).max(64),
  /** Grows by one for every mutation the client makes: the exactly-once key with clientId. */
  seq: z.number().int().min(1),
  entity: EntityNameSchema,
  key: z.string().min(1).max(1024),
  updatedBy: z.string().min(1).max(200),
};

export const MutationSchema = z.discriminatedUnion('kind', [
  z.object({ ...mutationBase, kind: z.literal('create'), item: ServerItemSchema }),
  z.object({
    ...mutationBase,
    kind: z.literal('update'),
    expected: ExpectedVersionSchema,
    changes: z.array(FieldChangeSchema).min(1),
  }),
  z.object({ ...mutationBase, kind: z.literal('delete'), expected: ExpectedVersionSchema }),
]);
export type Mutation = z.infer<typeof MutationSchema>;

export const PushOutcomeSchema = z.discriminatedUnion('status', [
  /** Written (or found already written: exactly once); `item` is the server's item after it. */
  z.object({ seq: z.number().int(), status: z.literal('applied'), item: ServerItemSchema, alreadyApplied: z.boolean() }),
  /** Another writer changed other fields only: this mutation was re-applied on top. */
  z.object({ seq: z.number().int(), status: z.literal('merged'), item: ServerItemSchema }),
  /** The same field changed on both sides: nothing written; the user decides. */
  z.object({
    seq: z.number().int(),
    status: z.literal('conflict'),
    server: ServerItemSchema.nullable(),
    paths: z.array(FieldPathSchema),
  }),
  /** The mutation can never succeed as it is (validation, item too large); parked and shown. */
  z.object({ seq: z.number().int(), status: z.literal('rejected'), reason: z.string() }),
  /** Throttled, offline or a server error: try again later, in order. */
  z.object({ seq: z.number().int(), status: z.literal('retry'), reason: z.string(), retryAfterMs: z.number().int().min(0) }),
]);
export type PushOutcome = z.infer<typeof PushOutcomeSchema>;

export const PushRequestSchema = z.object({ mutations: z.array(MutationSchema).max(1000) });
export const PushResponseSchema = z.object({ outcomes: z.array(PushOutcomeSchema) });
export type PushRequest = z.infer<typeof PushRequestSchema>;
export type PushResponse = z.infer<typeof PushResponseSchema>;

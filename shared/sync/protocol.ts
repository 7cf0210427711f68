import { z } from 'zod';
import { ENTITY_NAMES } from '../models';
import { IsoInstantSchema } from '../models/sync-attributes';
import { DynamoValueSchema } from '../values';
import { CheckpointSchema } from './checkpoint';
import { SlotClashSchema } from '../slots';

/**
 * The push/pull protocol between the renderer's sync client and main's sync gateway
 * (docs/architecture.md, "Processes and data flow"). Items travel in the app's value form (shared/values).
 */
export const EntityNameSchema = z.enum(ENTITY_NAMES);

/** An item as stored in DynamoDB, before or after validation against its entity schema. */
export const ServerItemSchema = z.record(z.string(), DynamoValueSchema);
export type ServerItem = z.infer<typeof ServerItemSchema>;

/**
 * A top-level attribute, or one key inside a map attribute (`['details', 'notes']`). A two-part path
 * needs its parent map to exist at the expected version; a client whose base lacks the parent sends the
 * whole map as a one-part change instead (the server also creates a missing parent when it re-applies).
 */
const pathSegment = z.string().min(1).max(255);
export const FieldPathSchema = z.union([z.tuple([pathSegment]), z.tuple([pathSegment, pathSegment])]);
export type FieldPath = z.infer<typeof FieldPathSchema>;

/** One field's change with its value at the base version (absent `base`: the field was absent). */
export const FieldChangeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), path: FieldPathSchema, value: DynamoValueSchema, base: DynamoValueSchema.optional() }),
  z.object({ op: z.literal('remove'), path: FieldPathSchema, base: DynamoValueSchema.optional() }),
]);
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/** The version a mutation was made against: the condition of its write (version 0: never adopted). */
export const ExpectedVersionSchema = z.object({
  version: z.number().int().min(0),
  updatedAt: IsoInstantSchema,
});
export type ExpectedVersion = z.infer<typeof ExpectedVersionSchema>;

/** Who made a change, as its `updatedBy` records it: the person working at the desk, by name. */
export const UpdatedBySchema = z.string().min(1).max(200);

const mutationBase = {
  clientId: z.string().min(1).max(64),
  /** Grows by one for every mutation the client makes: the exactly-once key with clientId. */
  seq: z.number().int().min(1),
  entity: EntityNameSchema,
  key: z.string().min(1).max(1024),
  updatedBy: UpdatedBySchema,
};

export const MutationSchema = z.discriminatedUnion('kind', [
  /** `item`: the new item's fields without sync attributes (the server adds them). */
  z.object({ ...mutationBase, kind: z.literal('create'), item: ServerItemSchema }),
  z.object({
    ...mutationBase,
    kind: z.literal('update'),
    expected: ExpectedVersionSchema,
    changes: z.array(FieldChangeSchema).min(1).max(200),
  }),
  z.object({ ...mutationBase, kind: z.literal('delete'), expected: ExpectedVersionSchema }),
]);
export type Mutation = z.infer<typeof MutationSchema>;
export type UpdateMutation = Extract<Mutation, { kind: 'update' }>;

/**
 * Why a mutation conflicts: `fields` the same field changed on both sides; `deleted` the item is a
 * tombstone (an edit never resurrects it); `missing` no such item; `exists` a create found the key taken;
 * `changed` a delete of an item someone changed since the client saw it; `clash` a booking's new time
 * overlaps a slot another booking holds on the server (`clashes` says whose, shared/slots).
 */
export const CONFLICT_REASONS = ['fields', 'deleted', 'missing', 'exists', 'changed', 'clash'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** One outcome per mutation, in the request's order. */
export const PushOutcomeSchema = z.discriminatedUnion('status', [
  /** Written (or found already written: exactly once); `item` is the server's item after it. */
  z.object({ seq: z.number().int(), status: z.literal('applied'), item: ServerItemSchema, alreadyApplied: z.boolean() }),
  /** Another writer changed other fields only: this mutation was re-applied on top. */
  z.object({ seq: z.number().int(), status: z.literal('merged'), item: ServerItemSchema }),
  /** Nothing written; the user decides. `server` holds their value, who and when; the mutation holds mine and the base. */
  z.object({
    seq: z.number().int(),
    status: z.literal('conflict'),
    reason: z.enum(CONFLICT_REASONS),
    server: ServerItemSchema.nullable(),
    paths: z.array(FieldPathSchema),
    clashes: z.array(SlotClashSchema).max(100).optional(),
  }),
  /** The mutation can never succeed as it is (validation, item too large); parked and shown. */
  z.object({ seq: z.number().int(), status: z.literal('rejected'), reason: z.string() }),
  /** Throttled, offline or a server error: try again later, in order. */
  z.object({ seq: z.number().int(), status: z.literal('retry'), reason: z.string(), retryAfterMs: z.number().int().min(0) }),
  /** Not attempted: an earlier mutation of the same item (`after`) did not apply; keep it queued, in order. */
  z.object({ seq: z.number().int(), status: z.literal('blocked'), after: z.number().int() }),
]);
export type PushOutcome = z.infer<typeof PushOutcomeSchema>;
export type PushStatus = PushOutcome['status'];

export const PushRequestSchema = z.object({ mutations: z.array(MutationSchema).max(1000) });
export const PushResponseSchema = z.object({ outcomes: z.array(PushOutcomeSchema) });
export type PushRequest = z.infer<typeof PushRequestSchema>;
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** An item that does not fit its entity schema: kept aside with the reason, never stops the sync. */
export const QuarantinedItemSchema = z.object({ key: z.string(), reason: z.string(), item: ServerItemSchema });
export type QuarantinedItem = z.infer<typeof QuarantinedItemSchema>;

/**
 * Delta pull. `checkpoint: null` pulls everything through the sync index. Items are the server's own
 * (value form, no defaults added); a tombstone, or an item whose `expiresAt` has passed, arrives with
 * `deleted: true`. Call again with the returned checkpoint while `hasMore`.
 */
export const PullRequestSchema = z.object({
  entity: EntityNameSchema,
  checkpoint: CheckpointSchema.nullable(),
  limit: z.number().int().min(1).max(5000).default(500),
});
export const PullResponseSchema = z.object({
  items: z.array(ServerItemSchema),
  quarantined: z.array(QuarantinedItemSchema),
  checkpoint: CheckpointSchema,
  hasMore: z.boolean(),
  /** The checkpoint is older than the tombstone retention: deletions may be gone, do a full resync. */
  resyncRequired: z.boolean(),
  /** Read capacity the pull consumed (benchmarks: it follows the changes, not the table size). */
  consumedReadUnits: z.number(),
});
export type PullRequest = z.input<typeof PullRequestSchema>;
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** A table key as DynamoDB's LastEvaluatedKey gives it (string keys only in these tables). */
export const ScanKeySchema = z.record(z.string(), z.string());

/**
 * One page of one segment of the initial sync's parallel Scan. Take the delta checkpoint
 * (`sync.checkpoint`) BEFORE the first page: a Scan is not a snapshot.
 */
export const ScanRequestSchema = z.object({
  entity: EntityNameSchema,
  segment: z.number().int().min(0),
  totalSegments: z.number().int().min(1).max(64),
  exclusiveStartKey: ScanKeySchema.nullable(),
  limit: z.number().int().min(1).max(5000).default(1000),
}).refine((request) => request.segment < request.totalSegments, 'segment must be below totalSegments');
export const ScanResponseSchema = z.object({
  items: z.array(ServerItemSchema),
  quarantined: z.array(QuarantinedItemSchema),
  lastEvaluatedKey: ScanKeySchema.nullable(),
  consumedReadUnits: z.number(),
});
export type ScanRequest = z.input<typeof ScanRequestSchema>;
export type ScanResponse = z.infer<typeof ScanResponseSchema>;

/** The checkpoint to keep before an initial Scan: "now" on the server, in every bucket. */
export const CheckpointRequestSchema = z.object({ entity: EntityNameSchema });
export const CheckpointResponseSchema = z.object({ checkpoint: CheckpointSchema });

/** Adopt items other tools wrote without sync attributes; rate-limited, reports what it cost. */
export const ReconcileRequestSchema = z.object({
  entity: EntityNameSchema,
  /** Resume a previous run where it stopped. */
  exclusiveStartKey: ScanKeySchema.nullable().default(null),
  /** Most read capacity units per second the run may consume. */
  maxReadUnitsPerSecond: z.number().positive().max(1000).default(5),
  /** Stop after this many pages (the rest is resumed by the next run). */
  maxPages: z.number().int().min(1).max(10_000).default(100),
});
export const ReconcileResponseSchema = z.object({
  scanned: z.number().int(),
  adopted: z.number().int(),
  consumedReadUnits: z.number(),
  consumedWriteUnits: z.number(),
  lastEvaluatedKey: ScanKeySchema.nullable(),
});
export type ReconcileRequest = z.input<typeof ReconcileRequestSchema>;
export type ReconcileResponse = z.infer<typeof ReconcileResponseSchema>;

import { z } from 'zod';
import {
  CheckpointRequestSchema,
  CheckpointResponseSchema,
  PullRequestSchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  ReconcileRequestSchema,
  ReconcileResponseSchema,
  ScanRequestSchema,
  ScanResponseSchema,
  EntityNameSchema,
} from '../sync/protocol';
import { defineCall } from './define';

/** Sync gateway calls (main performs them against DynamoDB). */
export const SYNC_CALLS = {
  'sync.push': defineCall(PushRequestSchema, PushResponseSchema),
  'sync.pull': defineCall(PullRequestSchema, PullResponseSchema),
  /** The delta checkpoint to keep before an initial Scan starts. */
  'sync.checkpoint': defineCall(CheckpointRequestSchema, CheckpointResponseSchema),
  'sync.scan': defineCall(ScanRequestSchema, ScanResponseSchema),
  'sync.reconcile': defineCall(ReconcileRequestSchema, ReconcileResponseSchema),
};

/** Events main sends about sync. */
export const SYNC_EVENTS = {
  /** Something changed on the server side (an upload wrote its item, another window pushed): pull now. */
  'sync.poke': z.object({ reason: z.string(), entity: EntityNameSchema.optional() }),
};

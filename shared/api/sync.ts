import { z } from 'zod';
import { PushRequestSchema, PushResponseSchema } from '../sync/protocol';
import { defineCall } from './define';

/** Sync gateway calls (main performs them against DynamoDB). */
export const SYNC_CALLS = {
  'sync.push': defineCall(PushRequestSchema, PushResponseSchema),
};

/** Events main sends about sync. */
export const SYNC_EVENTS = {
  /** Something changed on the server side (an upload wrote its item, another window pushed): pull now. */
  'sync.poke': z.object({ reason: z.string() }),
};

import { z } from 'zod';
import { defineCall } from './define';

/** What the renderer may know about the connection: never a credential. */
export const ConnectionInfoSchema = z.object({
  mode: z.enum(['local', 'aws']),
  region: z.string(),
  tablePrefix: z.string(),
  bucket: z.string(),
  /** AWS profile name (not its keys), when one is used. */
  profile: z.string().optional(),
  /** On AWS, who STS says the credentials belong to (an ARN, the name `updatedBy` records); absent offline or locally. */
  signedInAs: z.string().optional(),
});
export type ConnectionInfo = z.infer<typeof ConnectionInfoSchema>;

/** Whether main reaches the backend: the answer of a probe, and the event when it changes. */
const ConnectivitySchema = z.object({ online: z.boolean(), checkedAt: z.string() });

export const SETTINGS_CALLS = {
  'settings.connection': defineCall(z.object({}), ConnectionInfoSchema),
  'settings.testConnection': defineCall(
    z.object({}),
    z.object({ reachable: z.boolean(), tables: z.array(z.object({ name: z.string(), status: z.string() })), message: z.string() }),
  ),
  /** Whether DynamoDB answers now (a probe of a few seconds; the sync loop asks while a cycle takes long); also sent as `connectivity.changed` when it changes. */
  'connectivity.check': defineCall(z.object({}), ConnectivitySchema),
};

export const SETTINGS_EVENTS = {
  /** Whether main can reach AWS (or the local backend); offline is a normal state, not an error. */
  'connectivity.changed': ConnectivitySchema,
};

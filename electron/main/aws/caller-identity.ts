import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { backendCredentials } from './clients';
import type { BackendConfig } from './config';

/** Who AWS says is calling: with one SSO profile per staff member, the person behind every write. */
export type CallerIdentity = { arn: string; account: string; userId: string };
export type IdentityResolver = () => Promise<CallerIdentity>;

/** STS GetCallerIdentity with the backend's credentials (it needs no IAM permission). */
export function stsIdentityResolver(config: BackendConfig): IdentityResolver {
  return async () => {
    const credentials = backendCredentials(config);
    const sts = new STSClient({ region: config.region, ...(credentials ? { credentials } : {}) });
    try {
      const { Arn, Account, UserId } = await sts.send(new GetCallerIdentityCommand({}));
      if (!Arn || !Account || !UserId) throw new Error('STS answered without an identity');
      return { arn: Arn, account: Account, userId: UserId };
    } finally {
      sts.destroy();
    }
  };
}

/**
 * Asks once and keeps the answer for a while (credentials of a profile rarely change identity, but an
 * SSO login may); a failure is not kept, so the next push asks again.
 */
export function cachedIdentity(resolve: IdentityResolver, ttlMs = 15 * 60_000, now: () => number = Date.now): IdentityResolver {
  let cached: { identity: Promise<CallerIdentity>; at: number } | undefined;
  return () => {
    if (!cached || now() - cached.at > ttlMs) {
      const identity = resolve();
      const entry = { identity, at: now() };
      cached = entry;
      identity.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.identity;
  };
}

/** Anything the renderer wrote that looks like an identity is dropped: only main names the caller. */
const CLAIMED_IDENTITY = /\s*\(?\barn:aws[\w-]*:.*$/s;

/**
 * `updatedBy` of a write: the name the renderer chose (who is working) and, on AWS, the caller's ARN,
 * e.g. `Sam Staff (arn:aws:sts::123456789012:assumed-role/PilotForceStaff/sam)`.
 */
export function stampWriter(chosenName: string, identity: CallerIdentity): string {
  const name = chosenName.replace(CLAIMED_IDENTITY, '').trim();
  return name ? `${name} (${identity.arn})` : identity.arn;
}

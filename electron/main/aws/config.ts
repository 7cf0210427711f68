import { z } from 'zod';

/**
 * Where the app's data lives. `local` is DynamoDB Local and s3rver on loopback; `aws` uses the SDK's
 * default credential chain (environment, shared profiles, SSO), which never leaves the main process.
 */
export const BackendConfigSchema = z.object({
  /** Custom DynamoDB endpoint (DynamoDB Local); absent on real AWS. */
  endpoint: z.url().optional(),
  /** Custom S3 endpoint (s3rver); absent on real AWS. */
  s3Endpoint: z.url().optional(),
  region: z.string().min(1).default('us-east-1'),
  profile: z.string().min(1).optional(),
  /** Prepended to every table name, e.g. `staging-`. */
  tablePrefix: z
    .string()
    .regex(/^[A-Za-z0-9_.-]*$/, 'a table prefix may hold letters, digits, _ . and -')
    .max(100)
    .default(''),
  bucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'not a valid S3 bucket name')
    .default('pilotforce-user-assets'),
});
export type BackendConfig = z.infer<typeof BackendConfigSchema>;

export function isLocalBackend(config: BackendConfig): boolean {
  return config.endpoint !== undefined;
}

/** DynamoDB Local accepts any credentials and s3rver only its built-in pair; these are not secrets. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { type BackendConfig, BackendConfigSchema } from './aws/config';
import { DEFAULT_PORT } from './server/loopback-server';

/**
 * How a launch is configured, from the environment (and `<dataDir>/aws.json` for real AWS):
 * - `PILOTFORCE_DATA_DIR` (default `~/.pilotforce`): the local backend's data, staged files, logs.
 * - `PILOTFORCE_PORT` (default 47321): the loopback server's FIXED port (the browser build's origin).
 * - Real AWS when any of `PILOTFORCE_AWS_PROFILE`, `PILOTFORCE_AWS_REGION`, `PILOTFORCE_TABLE_PREFIX`,
 *   `PILOTFORCE_BUCKET` is set, or the config file exists; credentials come from the SDK's default chain.
 * - `PILOTFORCE_DYNAMODB_ENDPOINT` + `PILOTFORCE_S3_ENDPOINT`: a local backend someone else runs (tests).
 * - `PILOTFORCE_STAGING_QUOTA_MB` (default 2048): most megabytes of files added but not uploaded yet.
 */
export type LaunchSettings = {
  dataDir: string;
  port: number;
  /** Set when the app must use an existing backend (AWS, or endpoints given); absent: start the local one. */
  backend: BackendConfig | undefined;
  /** The staging quota when set; DEFAULT_STAGING_LIMITS otherwise. */
  stagingQuotaBytes?: number;
};

const PortSchema = z.coerce.number().int().min(1024).max(65535);
const QuotaMbSchema = z.coerce.number().int().min(1).max(1024 * 1024);
const AwsFileSchema = z.object({ profile: z.string().optional(), region: z.string().optional(), tablePrefix: z.string().optional(), bucket: z.string().optional() });

export function launchSettings(env: NodeJS.ProcessEnv = process.env): LaunchSettings {
  const dataDir = env.PILOTFORCE_DATA_DIR || join(homedir(), '.pilotforce');
  const port = env.PILOTFORCE_PORT ? PortSchema.parse(env.PILOTFORCE_PORT, { error: () => 'PILOTFORCE_PORT must be a port number from 1024 to 65535' }) : DEFAULT_PORT;
  const quotaMb = env.PILOTFORCE_STAGING_QUOTA_MB
    ? QuotaMbSchema.parse(env.PILOTFORCE_STAGING_QUOTA_MB, { error: () => 'PILOTFORCE_STAGING_QUOTA_MB must be a whole number of megabytes from 1 to 1048576' })
    : undefined;
  return { dataDir, port, backend: givenBackend(env, dataDir), ...(quotaMb !== undefined ? { stagingQuotaBytes: quotaMb * 1024 ** 2 } : {}) };
}

function givenBackend(env: NodeJS.ProcessEnv, dataDir: string): BackendConfig | undefined {
  if (env.PILOTFORCE_DYNAMODB_ENDPOINT) {
    return BackendConfigSchema.parse({
      endpoint: env.PILOTFORCE_DYNAMODB_ENDPOINT,
      s3Endpoint: env.PILOTFORCE_S3_ENDPOINT,
      tablePrefix: env.PILOTFORCE_TABLE_PREFIX,
      bucket: env.PILOTFORCE_BUCKET,
    });
  }
  const fromFile = readAwsFile(join(dataDir, 'aws.json'));
  const fromEnv = {
    profile: env.PILOTFORCE_AWS_PROFILE,
    region: env.PILOTFORCE_AWS_REGION,
    tablePrefix: env.PILOTFORCE_TABLE_PREFIX,
    bucket: env.PILOTFORCE_BUCKET,
  };
  const anyInEnv = Object.values(fromEnv).some((value) => value !== undefined && value !== '');
  if (!fromFile && !anyInEnv) return undefined;
  const defined = Object.fromEntries(Object.entries(fromEnv).filter(([, value]) => value));
  return BackendConfigSchema.parse({ ...fromFile, ...defined });
}

function readAwsFile(path: string): z.infer<typeof AwsFileSchema> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return AwsFileSchema.parse(JSON.parse(text));
}

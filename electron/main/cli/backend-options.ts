import { type Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { AccessError } from '../ops/access-patterns';
import { type AwsClients, createAwsClients } from '../aws/clients';
import { type BackendConfig, BackendConfigSchema } from '../aws/config';
import { JavaMissingError } from '../ops/local-backend';

/** The options every CLI takes to reach a backend: DynamoDB Local by --endpoint, or AWS by region/profile. */
export type BackendCliOptions = { endpoint?: string; s3Endpoint?: string; prefix: string; region?: string; profile?: string; bucket?: string };

export function addBackendOptions(command: Command): Command {
  return command
    .option('--endpoint <url>', 'DynamoDB endpoint (DynamoDB Local); AWS when absent')
    .option('--prefix <prefix>', 'table name prefix, e.g. staging-', '')
    .option('--region <region>', 'AWS region', process.env.AWS_REGION ?? 'us-east-1')
    .option('--profile <name>', 'AWS shared-config profile (credentials never leave this process)');
}

export function backendConfig(options: BackendCliOptions): BackendConfig {
  const parsed = BackendConfigSchema.safeParse({
    endpoint: options.endpoint,
    s3Endpoint: options.s3Endpoint,
    region: options.region,
    profile: options.profile,
    tablePrefix: options.prefix,
    ...(options.bucket ? { bucket: options.bucket } : {}),
  });
  if (!parsed.success) {
    throw new UserError(parsed.error.issues.map((issue) => `--${cliName(String(issue.path[0] ?? ''))}: ${issue.message}`).join('; '));
  }
  return parsed.data;
}

function cliName(field: string): string {
  return field === 'tablePrefix' ? 'prefix' : field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A problem the user can fix (bad option, unknown id, stale version, unreachable endpoint): one line, no stack. */
export class UserError extends Error {}

export function integerOption(name: string, min = 0) {
  return (text: string): number => {
    const value = z.coerce.number().int().min(min).safeParse(text);
    if (!value.success) throw new InvalidArgumentError(`${name} must be a whole number >= ${min}`);
    return value.data;
  };
}

/** Turns what the SDK throws for common setup mistakes into one line that says what to do. */
function userMessage(error: unknown, config: BackendConfig | undefined): string | undefined {
  if (error instanceof UserError || error instanceof AccessError || error instanceof JavaMissingError) return error.message;
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const where = config?.endpoint ?? `AWS ${config?.region ?? ''}`.trim();
  if (e.name === 'ResourceNotFoundException') return `${e.message ?? 'table not found'} at ${where}: run \`npm run db:setup\` with the same --endpoint and --prefix`;
  if (e.name === 'NoSuchBucket') return `bucket ${config?.bucket ?? ''} not found at ${config?.s3Endpoint ?? `AWS ${config?.region ?? ''}`.trim()}: run \`npm run db:setup\` with the same --bucket (and --s3-endpoint)`;
  const code = e.code ?? e.cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') return `cannot reach ${where} (${code})`;
  if (e.name === 'CredentialsProviderError' || e.name === 'UnrecognizedClientException' || e.name === 'ExpiredTokenException' || e.name === 'InvalidSignatureException') {
    return `AWS credentials were refused or not found (${e.name}): check --profile, AWS_PROFILE or \`aws sso login\``;
  }
  if (e.name === 'AccessDeniedException') return `access denied: ${e.message ?? ''} (see \`npm run aws:policy\`)`;
  if (e.name === 'ValidationException') return `DynamoDB refused the request: ${e.message ?? ''}`;
  return undefined;
}

/**
 * Runs one CLI command: JSON result on stdout, a one-line message on stderr and exit code 1 for user
 * errors (a stack trace only for what is a bug), clients closed either way.
 */
export async function runWithBackend<T>(options: BackendCliOptions, work: (clients: AwsClients) => Promise<T>): Promise<void> {
  let config: BackendConfig | undefined;
  let clients: AwsClients | undefined;
  try {
    config = backendConfig(options);
    clients = createAwsClients(config);
    const result = await work(clients);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } catch (error) {
    const message = userMessage(error, config);
    process.stderr.write(message ? `error: ${message}\n` : `${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  } finally {
    clients?.destroy();
  }
}

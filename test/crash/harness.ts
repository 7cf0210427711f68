import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { createAwsClients } from '@main/aws/clients';
import { BackendConfigSchema } from '@main/aws/config';
import { startLocalBackend } from '@main/ops/local-backend';
import { provision } from '@main/ops/provisioning';
import { SCHOOL_SETTINGS_ID } from '@shared/models';
import { seededRandom } from '@shared/random';
import type { ConflictRecord } from '@renderer/db/schema';
import type { UploadJob } from '@shared/api/uploads';
import type { Mutation } from '@shared/sync';
import { buildTestPage } from '../bench/browser-harness';
import { pngBytes } from '../integration/electron/main/uploads/upload-fixture';
import { simulatedMain } from '../integration/sync/harness';
import { type LedgerEntry, ledgerEntry, newItem, randomPatch } from '../integration/sync/simulation';
import type { ClientCopy } from '../support/client-copy';
import { freePort } from '../support/free-port';
import { checkHistory, checkHistoryTable, checkSlots, compareClients, countUnseenOverwrites, judgeEdit, scanServer, type HistoryTableVerdict } from '../support/sync-verdict';
import { type CrashEdit, type CrashEntity, type CrashFile, callCrash } from './crash-api';
import { startDynamoRecorder } from './dynamo-recorder';
import { BROWSER_PHASES, type KillTarget, MAIN_PHASES, STORAGE_TARGETS } from './phases';
import { type Desk, closeDesk, killDesk, mainControl, openDesk } from './processes';

export type CrashConfig = {
  kills: number;
  seed: number;
  /** Running DynamoDB Local and S3 (s3rver); both are started (and stopped) when absent. */
  endpoint?: string;
  s3Endpoint?: string;
  /** Chance per request of each injected fault in main (DynamoDB and S3); 0 for none. */
  faultRate?: number;
  /** Longest office work before a kill is armed (ms), and longest wait for the kill's phase after it. */
  warmUpMs?: number;
  phaseTimeoutMs?: number;
  /** Users and bookings on the server before the first desk starts (its initial sync reads them). */
  sample?: { users: number; bookings: number };
  progress?: (line: string) => void;
};

export type UploadOutcome = 'done' | 'failed-shown' | 'lost';
export type UploadLedgerEntry = { desk: number; name: string; size: number; jobId: string; assetId: string; checksum: string; outcome: UploadOutcome };

export type CrashFigures = {
  seed: number;
  kills: number;
  killsOfMain: number;
  killsOfBrowser: number;
  /** How many kills landed in each phase (`process:phase`); `...:missed` when the phase did not come in time. */
  killsByPhase: Record<string, number>;
  desks: number;
  edits: number;
  /** Of the edits, those of the Resources table (the school's settings, aircraft). */
  resourceEdits: number;
  applied: number;
  conflictsShown: number;
  rejectedShown: number;
  uploads: number;
  uploadsDone: number;
  uploadsFailedShown: number;
  lost: number;
  duplicated: number;
  divergent: number;
  orphanObjects: number;
  orphanItems: number;
  corruptObjects: number;
  unseenOverwrites: number;
  resurrected: number;
  versionGaps: number;
  /** Resource days that differ from the bookings, and pairs of active bookings overlapping on a resource (shared/slots). */
  slotDrift: number;
  overlappingBookings: number;
  /** The history table against the writes DynamoDB did (README.md, "History"). */
  history: HistoryTableVerdict;
  faultsInjected: number;
  items: number;
  seconds: number;
};

export type CrashResult = { figures: CrashFigures; ledger: { edits: LedgerEntry[]; uploads: UploadLedgerEntry[] }; problems: string[] };

const MIB = 1024 * 1024;
/**
 * A kill in the upgrade comes this long (ms) at most after the page starts opening: here its load takes about
 * 100-250 ms, then a desk of a few thousand items upgrades in under 150 ms.
 */
const UPGRADE_KILL_WINDOW_MS = 220;
const WHO = 'Crash Staff';

/**
 * The crash harness (issue 9): the real app (main's services behind the loopback server in a child
 * process, the renderer's modules in Chromium with a persistent profile) driven through seeded edits
 * and uploads while either process is killed with SIGKILL at chosen points, restarted, and driven on.
 * At the end every desk is brought in sync and the verdict is taken from DynamoDB (every write DynamoDB
 * answered, recorded by a proxy outside main) and from S3.
 */
export async function runCrashHarness(config: CrashConfig): Promise<CrashResult> {
  const started = Date.now();
  const log = (line: string) => config.progress?.(`${Math.round((Date.now() - started) / 1000)} s: ${line}`);
  const random = seededRandom(config.seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  // Kill targets from a stream of their own: the office work draws from `random` as fast as the machine
  // runs, so sharing it would make the same seed choose other targets on a slower machine.
  const targetRandom = seededRandom(config.seed + 1);

  const local = config.endpoint && config.s3Endpoint ? undefined : await startLocalBackend();
  const endpoint = config.endpoint ?? (local?.endpoint as string);
  const s3Endpoint = config.s3Endpoint ?? (local?.s3Endpoint as string);
  const id = randomBytes(4).toString('hex');
  const prefix = `crash${config.seed}-${id}-`;
  const direct = BackendConfigSchema.parse({ endpoint, s3Endpoint, tablePrefix: prefix, bucket: `pf-crash-${id}` });
  const clients = createAwsClients(direct);
  const work = await mkdtemp(join(tmpdir(), 'pf-crash-'));
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    await provision(clients, { prefix, bucket: direct.bucket, log: () => undefined, pollIntervalMs: 50 });
    const recorder = await startDynamoRecorder(endpoint, prefix);
    cleanups.push(() => recorder.close());

    // The school before the first desk: written by another desk through main's own push, recorded like every write.
    const sample = config.sample ?? { users: 40, bookings: 1200 };
    const seeder = simulatedMain({ endpoint: recorder.endpoint, prefix });
    cleanups.push(async () => seeder.clients.destroy());
    const userKeys = Array.from({ length: sample.users }, (_, n) => `u-seed-${n}`);
    const seedItems: Array<[entity: 'users' | 'bookings', key: string]> = [
      ...userKeys.map((key) => ['users', key] as ['users', string]),
      ...Array.from({ length: sample.bookings }, (_, n) => ['bookings', `b-seed-${n}`] as ['bookings', string]),
    ];
    for (let at = 0; at < seedItems.length; at += 200) {
      const mutations = seedItems.slice(at, at + 200).map(([entity, key], n) => ({
        clientId: 'crash-seed', seq: at + n + 1, entity, key, kind: 'create', updatedBy: 'Seed', item: newItem(entity, key, at + n, random, userKeys),
      })) as Mutation[];
      const pushed = await seeder.api.invoke('sync.push', { mutations });
      if (!pushed.ok || pushed.value.outcomes.some((outcome) => outcome.status !== 'applied')) throw new Error(`seeding failed: ${JSON.stringify(pushed).slice(0, 300)}`);
    }
    log(`seeded ${sample.users} users and ${sample.bookings} bookings under ${prefix}`);

    const page = await buildTestPage(fileURLToPath(new URL('./browser', import.meta.url)));
    cleanups.push(() => page.remove());
    const port = await freePort();
    const token = randomBytes(24).toString('hex');
    const launchUrl = `http://127.0.0.1:${port}/?token=${token}`;
    const main = mainControl({
      backend: { ...direct, endpoint: recorder.endpoint },
      dataDir: join(work, 'main'),
      port,
      token,
      staticDir: page.dir,
      faultRate: config.faultRate ?? 0,
      faultSeed: config.seed,
    });
    cleanups.push(() => main.stop());
    await mkdir(join(work, 'main'), { recursive: true });
    await main.start();

    const desks: Desk[] = [];
    const maxDesks = Math.max(2, Math.ceil(config.kills / 20));
    const newDesk = (): Desk => {
      const desk: Desk = { label: `desk ${desks.length}`, userDataDir: join(work, `desk-${desks.length}`) };
      desks.push(desk);
      return desk;
    };
    cleanups.push(async () => Promise.all(desks.map((desk) => closeDesk(desk))));
    let desk = newDesk();
    await openDesk(desk, launchUrl);

    const edits = new Map<string, { desk: number; mutation: Mutation }>();
    const uploads: UploadLedgerEntry[] = [];
    const acknowledge = (deskIndex: number, mutation: Mutation | null) => {
      if (mutation) edits.set(`${mutation.clientId}:${mutation.seq}`, { desk: deskIndex, mutation });
    };
    const png = await pngBytes(48, 32);
    let uploadCount = 0;
    /** Starts an upload in the background; one the page dies under is not acknowledged. */
    const startUpload = (kind: 'png' | 'mp4', size: number, users: string[]): void => {
      const deskIndex = desks.indexOf(desk);
      const current = desk.page;
      if (!current) return;
      const n = ++uploadCount;
      const name = kind === 'png' ? `ramp-${n}.png` : `circuit-${n}.mp4`;
      const file: CrashFile = kind === 'png' ? { name, userId: pick(users), pngBase64: png.toString('base64') } : { name, userId: pick(users), mp4Size: size };
      callCrash(current, 'upload', file).then(
        (job) => {
          if ('jobId' in job) uploads.push({ desk: deskIndex, name, size: kind === 'png' ? png.length : size, jobId: job.jobId, assetId: job.assetId, checksum: job.checksum, outcome: 'lost' });
        },
        () => undefined, // The page died first: not acknowledged.
      );
    };

    /** Seeded office work on the current desk until `signal` aborts: edits, now and then a pause (so sync runs) or a small upload. */
    const officeWork = async (signal: AbortSignal) => {
      const current = desk.page;
      const deskIndex = desks.indexOf(desk);
      if (!current) return;
      try {
        const readKeys = async () => ({ resources: await callCrash(current, 'keys', 'resources'), users: await callCrash(current, 'keys', 'users'), bookings: await callCrash(current, 'keys', 'bookings') });
        let keys = await readKeys();
        for (let op = 0; !signal.aborted; op++) {
          const roll = random();
          const which = random();
          // The school's settings item and aircraft among the edits: every desk edits the one settings item.
          const entity: CrashEntity = which < 0.65 ? 'bookings' : which < 0.88 ? 'users' : 'resources';
          let edit: CrashEdit | undefined;
          if (roll < 0.15) {
            const suffix = `${config.seed}-${deskIndex}-${Date.now().toString(36)}-${op}`;
            const key = entity === 'resources' ? (keys.resources.includes(SCHOOL_SETTINGS_ID) ? `aircraft#G-${suffix}` : SCHOOL_SETTINGS_ID) : `${entity[0]}-${suffix}`;
            edit = { kind: 'create', entity, item: newItem(entity, key, op, random, keys.users) };
          } else if (roll < 0.75 && keys[entity].length > 0) {
            const key = pick(keys[entity]);
            edit = { kind: 'update', entity, key, patch: randomPatch(entity, deskIndex, op, random, key) };
          } else if (roll < 0.8 && keys[entity].length > 0) {
            const key = pick(keys[entity]);
            // The settings item is never deleted by the office (its key would stay taken by the tombstone).
            if (key !== SCHOOL_SETTINGS_ID) edit = { kind: 'delete', entity, key };
          } else if (roll < 0.82) {
            startUpload('png', 0, keys.users);
          } else {
            await delay(300 + int(700));
          }
          if (edit) {
            const result = await callCrash(current, 'edit', edit);
            if ('mutation' in result) acknowledge(deskIndex, result.mutation);
          }
          if (op % 10 === 9) keys = await readKeys();
          await delay(int(60));
        }
      } catch (error) {
        // The page was killed under us; anything unanswered was never acknowledged.
        if (!signal.aborted && desk.page === current) throw error;
      }
    };

    const killsByPhase: Record<string, number> = {};
    let killsOfMain = 0;
    let killsOfBrowser = 0;
    const targets: KillTarget[] = [
      ...MAIN_PHASES.map((phase) => ({ process: 'main', phase }) as const),
      ...BROWSER_PHASES.map((phase) => ({ process: 'browser', phase }) as const),
      ...STORAGE_TARGETS,
    ];

    /**
     * A kill in the schema upgrade: office work first (so the old layout holds pending edits), then the desk's
     * database is rewritten as version 3 kept it and the page opens again, which upgrades it; the browser dies a
     * random moment into the opening. It landed before the upgrade committed when the reopened desk still finds
     * version 3: in the page's load or in the upgrade's own transaction, which cannot be told apart from outside
     * (the page's log of the upgrade's start reaches the harness only after a desk's upgrade of a few thousand
     * records is done) and must both leave version 3 whole.
     */
    const killInUpgrade = async (): Promise<boolean> => {
      const current = desk.page ?? (await openDesk(desk, launchUrl));
      const abort = new AbortController();
      const working = officeWork(abort.signal);
      await delay(300 + int(config.warmUpMs ?? 2_500));
      abort.abort();
      await working;
      await callCrash(current, 'rewriteAsVersionThree');
      current.goto(launchUrl).catch(() => undefined); // Killed while loading, as it should be.
      await delay(int(UPGRADE_KILL_WINDOW_MS));
      await killDesk(desk);
      const reopened = await openDesk(desk, launchUrl);
      return (await callCrash(reopened, 'openedFromVersion')) === 3;
    };

    for (let kill = 1; kill <= config.kills; kill++) {
      const target = targets[Math.floor(targetRandom() * targets.length)] as KillTarget;
      if (target.phase === 'upgrade') {
        const phaseName = (await killInUpgrade()) ? 'browser:upgrade' : 'browser:upgrade:missed';
        killsByPhase[phaseName] = (killsByPhase[phaseName] ?? 0) + 1;
        killsOfBrowser += 1;
        if (kill % 10 === 0 || kill === config.kills) log(`kill ${kill}/${config.kills} (${phaseName}): ${edits.size} edits, ${uploads.length} uploads acknowledged, ${desks.length} desks`);
        continue;
      }
      if (target.phase === 'scan' && desk.page && (await callCrash(desk.page, 'initialSyncDone'))) {
        // Enough desks: this one was away past the tombstone retention, and its full resync Scans every table again.
        if (desks.length >= maxDesks) await callCrash(desk.page, 'awayTooLong');
        else {
          // A new desk joins: its initial sync is where this kill lands.
          await closeDesk(desk);
          desk = newDesk();
        }
      }
      const abort = new AbortController();
      // Some office work first (edits pile up, pushes and uploads run), then the kill waits for its phase.
      const warmUp = target.phase === 'scan' ? 0 : 300 + int(config.warmUpMs ?? 2_500);
      // The upload a kill in an upload phase needs, started once the warm-up is over.
      const uploadFor = () => {
        if (!desk.page) return;
        callCrash(desk.page, 'keys', 'users').then(
          (users) => {
            if (users.length === 0) return;
            if (target.phase === 'multipart' || target.phase === 'staging') startUpload('mp4', target.phase === 'staging' ? 12 * MIB : 20 * MIB, users);
            if (target.phase === 'put-object' || target.phase === 'asset-item') startUpload('png', 0, users);
          },
          () => undefined, // The page died first: no upload for this kill.
        );
      };
      const phase = target.phase;
      const phaseReached = delay(warmUp)
        .then(() => {
          const next = phase === 'local-write' ? delay(int(300)) : main.nextPhase(phase, abort.signal);
          uploadFor();
          return next;
        })
        .then(() => true);
      const trigger = Promise.race([phaseReached, delay(warmUp + (config.phaseTimeoutMs ?? 15_000), false, { signal: abort.signal }).catch(() => false)]);
      // Armed before a new desk opens: its initial sync starts with the page.
      if (!desk.page) await openDesk(desk, launchUrl);
      const working = officeWork(abort.signal);
      const reached = await trigger;
      // A random moment within the request (or the write) in flight.
      await delay(int(target.phase === 'scan' ? 400 : 40));
      abort.abort();
      if (target.process === 'main') {
        await main.kill();
        killsOfMain += 1;
      } else {
        await killDesk(desk);
        killsOfBrowser += 1;
      }
      const phaseName = `${target.process}:${target.phase}${reached ? '' : ':missed'}`;
      killsByPhase[phaseName] = (killsByPhase[phaseName] ?? 0) + 1;
      await working;
      if (target.process === 'main') await main.start();
      else await openDesk(desk, launchUrl);
      if (kill % 10 === 0 || kill === config.kills) log(`kill ${kill}/${config.kills} (${phaseName}): ${edits.size} edits, ${uploads.length} uploads acknowledged, ${desks.length} desks`);
    }

    // Everything restarted, the network healthy: uploads finish, every desk syncs until a whole round is quiet.
    log('settling: faults off, uploads finishing, every desk in sync');
    await main.request('faults-off');
    const faultsInjected = main.faultsInjected();
    const jobs = await main.request<UploadJob[]>('uploads-idle');
    const shownConflicts = new Map<string, ConflictRecord>();
    const shownRejections = new Set<string>();
    let copies: ClientCopy[] = [];
    await closeDesk(desk);
    for (let round = 0; ; round++) {
      if (round >= 20) throw new Error('the desks did not settle in 20 rounds');
      let quiet = true;
      copies = [];
      const writesBefore = recorder.images.length;
      for (const [index, each] of desks.entries()) {
        const current = await openDesk(each, launchUrl);
        const settled = await callCrash(current, 'settle', WHO);
        for (const conflict of settled.shownConflicts) shownConflicts.set(`${conflict.mine.clientId}:${conflict.seq}`, conflict);
        for (const rejected of settled.shownRejections) shownRejections.add(`${rejected.clientId}:${rejected.seq}`);
        for (const resolution of settled.resolutions) acknowledge(index, resolution);
        quiet &&= settled.quiet;
        if (!settled.quiet) log(`settle round ${round + 1}, ${each.label}: ${settled.moved}`);
        copies.push(await callCrash(current, 'copy', each.label));
        await closeDesk(each);
      }
      // Quiet only if DynamoDB took no write in the whole round: a desk's own background cycle (started as it
      // opened) may push before `settle` runs, and its report would not show it; a desk settled earlier in the
      // round would then miss that write.
      quiet &&= recorder.images.length === writesBefore;
      log(`settle round ${round + 1}: ${quiet ? 'quiet' : 'changes moved'}`);
      if (quiet) break;
    }

    // The verdict.
    const problems: string[] = [];
    const server = await scanServer(clients.doc, prefix);
    const history = checkHistory(recorder.images, problems);
    const ledgerEdits: LedgerEntry[] = [];
    const mutations = new Map<string, Mutation>();
    for (const [key, { desk: deskIndex, mutation }] of edits) {
      mutations.set(key, mutation);
      const judged = judgeEdit(mutation, { history, server, shownConflict: shownConflicts.get(key), shownRejection: shownRejections.has(key) }, problems);
      ledgerEdits.push(ledgerEntry(deskIndex, mutation, judged));
    }
    const unseenOverwrites = countUnseenOverwrites(history, mutations, problems);
    const divergent = compareClients(copies, server, problems);
    const historyTable = await checkHistoryTable(clients, prefix, recorder.images, problems);
    const slots = await checkSlots(clients, prefix, problems);

    // S3 against the asset items: every object under users/ has its live item, every item its object, the bytes its checksum.
    const objects = new Map<string, number>();
    let continuation: string | undefined;
    do {
      const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: direct.bucket, Prefix: 'users/', ContinuationToken: continuation }));
      for (const object of listed.Contents ?? []) objects.set(object.Key ?? '', object.Size ?? 0);
      continuation = listed.NextContinuationToken;
    } while (continuation);
    const assetItems = [...server.values()].filter(({ entity, item }) => entity === 'assets' && item.deleted !== true).map(({ item }) => item);
    const itemKeys = new Set(assetItems.map((item) => String(item.s3Key)));
    const orphanObjects = [...objects.keys()].filter((key) => !itemKeys.has(key));
    const orphanItems = assetItems.filter((item) => !objects.has(String(item.s3Key)));
    orphanObjects.forEach((key) => problems.push(`ORPHAN OBJECT ${key}: no asset item`));
    orphanItems.forEach((item) => problems.push(`ORPHAN ITEM ${String(item.assetId)}: no object at ${String(item.s3Key)}`));
    let corruptObjects = 0;
    for (const item of assetItems.filter((each) => objects.has(String(each.s3Key)))) {
      const object = await clients.s3.send(new GetObjectCommand({ Bucket: direct.bucket, Key: String(item.s3Key) }));
      const checksum = createHash('sha256').update(await object.Body?.transformToByteArray() ?? new Uint8Array()).digest('base64');
      if (checksum !== item.checksum) {
        corruptObjects += 1;
        problems.push(`CORRUPT OBJECT ${String(item.s3Key)}: its bytes do not match the item's checksum`);
      }
    }
    let duplicatedUploads = 0;
    for (const upload of uploads) {
      const item = assetItems.find((each) => each.assetId === upload.assetId);
      const copiesOfObject = [...objects.keys()].filter((key) => key.split('/')[2] === upload.assetId).length;
      if (copiesOfObject > 1) {
        duplicatedUploads += 1;
        problems.push(`DUPLICATE upload ${upload.name}: ${copiesOfObject} objects for asset ${upload.assetId}`);
      }
      const job = jobs.find((each) => each.jobId === upload.jobId);
      if (item && objects.has(String(item.s3Key)) && item.checksum === upload.checksum) upload.outcome = 'done';
      else if (job?.state === 'failed') upload.outcome = 'failed-shown';
      else problems.push(`LOST upload ${upload.name} (job ${upload.jobId}, ${job?.state ?? 'no job'}): ${item ? 'its item does not hold its file' : 'no asset item'}`);
    }

    const count = (outcome: LedgerEntry['outcome']) => ledgerEdits.filter((entry) => entry.outcome === outcome).length;
    const figures: CrashFigures = {
      seed: config.seed,
      kills: killsOfMain + killsOfBrowser,
      killsOfMain,
      killsOfBrowser,
      killsByPhase,
      desks: desks.length,
      edits: ledgerEdits.length,
      resourceEdits: ledgerEdits.filter((entry) => entry.table === 'PilotForce-Resources').length,
      applied: count('applied'),
      conflictsShown: count('conflict-shown'),
      rejectedShown: count('rejected-shown'),
      uploads: uploads.length,
      uploadsDone: uploads.filter((upload) => upload.outcome === 'done').length,
      uploadsFailedShown: uploads.filter((upload) => upload.outcome === 'failed-shown').length,
      lost: count('lost') + uploads.filter((upload) => upload.outcome === 'lost').length,
      duplicated: history.duplicated + duplicatedUploads,
      divergent,
      orphanObjects: orphanObjects.length,
      orphanItems: orphanItems.length,
      corruptObjects,
      unseenOverwrites,
      resurrected: history.resurrected,
      versionGaps: history.gaps,
      ...slots,
      history: historyTable,
      faultsInjected,
      items: server.size,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    return { figures, ledger: { edits: ledgerEdits, uploads }, problems };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    clients.destroy();
    await rm(work, { recursive: true, force: true });
    await local?.stop();
  }
}

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAwsClients } from './aws/clients';
import { type BackendConfig, BackendConfigSchema } from './aws/config';
import { type LocalBackend, startLocalBackend } from './ops/local-backend';
import { provision } from './ops/provisioning';
import { generateSampleData, sampleToday } from './ops/sample-data';
import { seedSampleData } from './ops/seed';
import { reconcileSlots } from './ops/reconcile-slots';
import { calibrateClock } from './sync/write-time';
import type { LaunchSettings } from './app-config';
import { type MainLog, type MainServices, createMainServices } from './services';

export type RunningApp = { backend: BackendConfig; services: MainServices; stop(): Promise<void> };

/**
 * Everything main runs, whichever transport serves it: the backend (AWS as configured, or the local
 * DynamoDB and S3 emulators with their data under the data directory, tables provisioned) and the services.
 */
export async function startApp(options: { settings: LaunchSettings; log: MainLog }): Promise<RunningApp> {
  const { settings, log } = options;
  let local: LocalBackend | undefined;
  let backend = settings.backend;
  if (!backend) {
    const localDir = join(settings.dataDir, 'local-backend');
    local = await startLocalBackend({ dataDir: localDir });
    for (const warning of local.warnings) log.error(`Warning: ${warning}`);
    backend = BackendConfigSchema.parse({ endpoint: local.endpoint, s3Endpoint: local.s3Endpoint });
    try {
      await prepareLocalBackend(backend, localDir, log);
    } catch (error) {
      await local.stop();
      throw error;
    }
  }
  const services = createMainServices({
    backend,
    dataDir: settings.dataDir,
    log,
    ...(settings.stagingQuotaBytes !== undefined ? { stagingLimits: { quotaBytes: settings.stagingQuotaBytes } } : {}),
  });
  services.start();
  return {
    backend,
    services,
    async stop() {
      services.stop();
      await local?.stop();
    },
  };
}

/** A small school to look at on the first start, around the day it starts: fixed seed, so every fresh start on a day shows the same one. */
const SAMPLE_SEED = 1;
const SAMPLE_COUNTS = { users: 30, bookings: 400, assets: 20 };

/**
 * Creates what is missing (tables, indexes, bucket) and seeds the sample once: after that the data is
 * the user's, and a later start never writes sample items again (even if they deleted them).
 */
async function prepareLocalBackend(backend: BackendConfig, localDir: string, log: MainLog): Promise<void> {
  const clients = createAwsClients(backend);
  const seededMarker = join(localDir, 'sample-seeded');
  try {
    await provision(clients, { prefix: backend.tablePrefix, bucket: backend.bucket, log: (line) => log.info(line) });
    if (!existsSync(seededMarker)) {
      const { tables, objects } = await seedSampleData(clients, backend.tablePrefix, generateSampleData(SAMPLE_SEED, SAMPLE_COUNTS, { anchorDate: sampleToday() }));
      log.info(`sample data: ${tables.map((report) => `${report.written} ${report.entity}`).join(', ')}, ${objects.uploaded} files`);
      // The seed writes bookings straight into the table: their resource days are derived once, so the server knows their slots.
      await calibrateClock(clients, backend.tablePrefix);
      const slots = await reconcileSlots({ clients, prefix: backend.tablePrefix, apply: true });
      log.info(`sample slots: ${slots.rewritten} resource days written, ${slots.overlaps.length} overlapping pairs of bookings`);
      await mkdir(localDir, { recursive: true });
      await writeFile(seededMarker, new Date().toISOString());
    }
  } finally {
    clients.destroy();
  }
}

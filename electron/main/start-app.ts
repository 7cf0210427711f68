import { join } from 'node:path';
import { createAwsClients } from './aws/clients';
import { type BackendConfig, BackendConfigSchema } from './aws/config';
import { type LocalBackend, startLocalBackend } from './aws/local-backend';
import { provision } from './aws/provisioning';
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
    local = await startLocalBackend({ dataDir: join(settings.dataDir, 'local-backend') });
    backend = BackendConfigSchema.parse({ endpoint: local.endpoint, s3Endpoint: local.s3Endpoint });
    try {
      await prepareLocalBackend(backend, log);
    } catch (error) {
      await local.stop();
      throw error;
    }
  }
  const services = createMainServices({ backend, dataDir: settings.dataDir, log });
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

/** Creates what is missing (tables, indexes, bucket): a no-op after the first start. */
async function prepareLocalBackend(backend: BackendConfig, log: MainLog): Promise<void> {
  const clients = createAwsClients(backend);
  try {
    await provision(clients, { prefix: backend.tablePrefix, bucket: backend.bucket, log: (line) => log.info(line) });
  } finally {
    clients.destroy();
  }
}

import { startLocalBackend } from '@main/ops/local-backend';

/** A process that starts the local backend and then only waits: the test kills it to check nothing outlives it. */
const backend = await startLocalBackend();
process.stdout.write(`${JSON.stringify({ endpoint: backend.endpoint, pid: process.pid })}\n`);
setInterval(() => undefined, 60_000);

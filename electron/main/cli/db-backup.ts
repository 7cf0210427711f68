import { Command } from 'commander';
import { BackupsNotSupportedLocally, backupTables } from '../ops/backups';
import { type BackendCliOptions, UserError, addBackendOptions, runWithBackend } from './backend-options';

/**
 * `npm run db:backup -- --prefix <p> [--region r] [--profile p] [--endpoint url]`: an on-demand backup of
 * each of the three tables; prints their names and ARNs as JSON. DynamoDB Local has no backups: one line says so.
 */
const program = addBackendOptions(new Command('db:backup').description('Take an on-demand backup of the three PilotForce tables')).action(
  (options: BackendCliOptions) =>
    runWithBackend(options, async (clients) => {
      try {
        return { backups: await backupTables(clients, { prefix: options.prefix, log: (line) => process.stderr.write(`${line}\n`) }) };
      } catch (error) {
        if (error instanceof BackupsNotSupportedLocally) throw new UserError(error.message);
        throw error;
      }
    }),
);

await program.parseAsync();

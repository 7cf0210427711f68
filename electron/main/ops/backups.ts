import { CreateBackupCommand } from '@aws-sdk/client-dynamodb';
import { ENTITY_NAMES } from '@shared/models';
import { tableName } from '@shared/tables';
import type { AwsClients } from '@main/aws/clients';

export type TableBackup = { table: string; backupName: string; backupArn: string; status: string };

/** DynamoDB Local has no backups: it answers CreateBackup with UnknownOperationException. */
export class BackupsNotSupportedLocally extends Error {
  constructor(endpoint: string) {
    super(
      `on-demand backups are not supported locally (DynamoDB Local at ${endpoint} has no CreateBackup); ` +
        'run `npm run db:backup` against AWS (--region/--profile), where point-in-time recovery also runs',
    );
  }
}

/** `PilotForce-Users-20260115T093000Z`: sortable, and within CreateBackup's name rules. */
export function backupName(table: string, at: Date): string {
  return `${table}-${at.toISOString().replace(/[-:]|\.\d{3}/g, '')}`;
}

/**
 * An on-demand backup of each of the three tables (kept until deleted, unlike point-in-time recovery's
 * 35 days): before a risky migration or a bulk import, and on a schedule for long retention.
 */
export async function backupTables(clients: AwsClients, options: { prefix: string; now?: Date; log?: (line: string) => void }): Promise<TableBackup[]> {
  const at = options.now ?? new Date();
  const backups: TableBackup[] = [];
  for (const entity of ENTITY_NAMES) {
    const table = tableName(entity, options.prefix);
    const name = backupName(table, at);
    try {
      const { BackupDetails } = await clients.dynamo.send(new CreateBackupCommand({ TableName: table, BackupName: name }));
      const backup = { table, backupName: name, backupArn: BackupDetails?.BackupArn ?? '', status: BackupDetails?.BackupStatus ?? 'UNKNOWN' };
      options.log?.(`${table}: backup ${name} ${backup.status}`);
      backups.push(backup);
    } catch (error) {
      const local = clients.config.endpoint;
      if (local && (error as { name?: string }).name === 'UnknownOperationException') throw new BackupsNotSupportedLocally(local);
      throw error;
    }
  }
  return backups;
}

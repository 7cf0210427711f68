import type { Handlers } from '@shared/api/contract';
import type { AwsClients } from '../aws/clients';
import { listHistory } from './read';

/** The history calls (shared/api/history.ts): reading only; entries are written by the writes themselves (record.ts). */
export function createHistoryHandlers(options: { clients: AwsClients; prefix: string }): Pick<Handlers, 'history.list'> {
  return {
    'history.list': ({ entity, key }) => listHistory(options.clients, options.prefix, entity, key),
  };
}

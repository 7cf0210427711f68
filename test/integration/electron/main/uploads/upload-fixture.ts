import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import sharp from 'sharp';
import type { EventName, EventPayload, EventSink } from '@shared/api/contract';
import { tableName } from '@shared/tables';
import type { AwsClients } from '@main/aws/clients';

/** An MP4 `ftyp` box (brand isom) then seeded random bytes: sniffed as video/mp4, unique content. */
export function mp4Bytes(size: number): Buffer {
  const header = Buffer.from('00000018667479706973736f6d0000020069736f6d6d703431', 'hex');
  return Buffer.concat([header, randomBytes(size - header.length)]);
}

export function pngBytes(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3070c0' } }).png().toBuffer();
}

export async function tempDir(label: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `pf-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export async function writeTemp(dir: string, name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/** Records every event main emits. */
export function recordingSink(): EventSink & { events: Array<{ event: EventName; payload: unknown }>; of<E extends EventName>(event: E): Array<EventPayload<E>> } {
  const events: Array<{ event: EventName; payload: unknown }> = [];
  return {
    events,
    emit(event, payload) {
      events.push({ event, payload });
    },
    of<E extends EventName>(event: E) {
      return events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>);
    },
  };
}

export async function objectBytes(clients: AwsClients, key: string): Promise<Buffer> {
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: clients.config.bucket, Key: key }));
  return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
}

export async function objectKeys(clients: AwsClients): Promise<string[]> {
  const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: clients.config.bucket }));
  return (listed.Contents ?? []).map((object) => object.Key ?? '');
}

export async function assetItems(clients: AwsClients, prefix: string): Promise<Array<Record<string, unknown>>> {
  const scanned = await clients.doc.send(new ScanCommand({ TableName: tableName('assets', prefix), ConsistentRead: true }));
  return scanned.Items ?? [];
}

/** Counts S3 commands by name as they are sent (before retries of the SDK). */
export function countS3Commands(clients: AwsClients): Map<string, number> {
  const counts = new Map<string, number>();
  clients.s3.middlewareStack.add(
    (next, context) => (args) => {
      const name = context.commandName ?? '';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: `countS3Commands${Math.random()}` },
  );
  return counts;
}

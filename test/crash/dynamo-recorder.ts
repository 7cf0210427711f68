import { type IncomingMessage, type Server, createServer, request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { ENTITY_NAMES } from '@shared/models';
import { tableName } from '@shared/tables';
import { type WriteImage, itemOfAttributes, writeOfTransaction } from '../integration/sync/harness';
import { freePort } from '../support/free-port';

/**
 * An HTTP proxy in front of DynamoDB that records the new image of every successful UpdateItem as
 * DynamoDB answered it, and the history entry of every successful transaction (the app's writes). It lives in the harness, outside the app's main process: a write whose answer
 * never reached main (killed with SIGKILL mid-request) is still recorded, so the verdict rests on what
 * DynamoDB did.
 */
export type DynamoRecorder = { endpoint: string; images: WriteImage[]; close(): Promise<void> };

function bodyOf(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });
}

export async function startDynamoRecorder(target: string, prefix: string): Promise<DynamoRecorder> {
  const { hostname, port } = new URL(target);
  const entityOf = new Map(ENTITY_NAMES.map((entity) => [tableName(entity, prefix), entity]));
  const images: WriteImage[] = [];

  const record = (requestBody: Buffer, responseBody: Buffer, encoding: string | undefined) => {
    const input = JSON.parse(requestBody.toString('utf8')) as { TableName?: string };
    const entity = input.TableName ? entityOf.get(input.TableName) : undefined;
    if (!entity) return;
    const text = (encoding === 'gzip' ? gunzipSync(responseBody) : responseBody).toString('utf8');
    const attributes = (JSON.parse(text) as { Attributes?: Record<string, unknown> }).Attributes;
    if (attributes) images.push({ entity, item: itemOfAttributes(attributes), by: 'app' });
  };

  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const requestBody = await bodyOf(incoming);
      const upstream = httpRequest({ host: hostname, port: Number(port), method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
        bodyOf(answer).then(
          (responseBody) => {
            const target = String(incoming.headers['x-amz-target'] ?? '');
            if (target.endsWith('.UpdateItem') && answer.statusCode === 200) record(requestBody, responseBody, answer.headers['content-encoding']);
            if (target.endsWith('.TransactWriteItems') && answer.statusCode === 200) {
              const written = writeOfTransaction(JSON.parse(requestBody.toString('utf8')), entityOf, prefix);
              if (written) images.push(written);
            }
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            outgoing.end(responseBody);
          },
          // As a failed upstream request: the client sees a broken connection and retries.
          () => outgoing.destroy(),
        );
      });
      upstream.on('error', () => outgoing.destroy());
      upstream.end(requestBody);
    })().catch(() => outgoing.destroy());
  });
  // A client killed mid-request leaves a broken socket behind: nothing to report.
  server.on('clientError', (_error, socket) => socket.destroy());
  const listenPort = await freePort();
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${listenPort}`,
    images,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import type { TestProject } from 'vitest/node';
import { startLocalBackend } from '@main/ops/local-backend';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}

/**
 * One DynamoDB Local (in memory, shared DB) and one s3rver for the whole integration run. Test files get
 * the endpoints by `inject('dynamoEndpoint')` or from PF_TEST_DYNAMODB_ENDPOINT / PF_TEST_S3_ENDPOINT
 * (workers start after this and inherit the environment); each file isolates itself by table prefix.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const backend = await startLocalBackend();
  process.env.PF_TEST_DYNAMODB_ENDPOINT = backend.endpoint;
  process.env.PF_TEST_S3_ENDPOINT = backend.s3Endpoint;
  project.provide('dynamoEndpoint', backend.endpoint);
  project.provide('s3Endpoint', backend.s3Endpoint);
  return async () => {
    await backend.stop();
  };
}

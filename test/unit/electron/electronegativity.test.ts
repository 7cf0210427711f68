import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

type Finding = { id: string; file: string; severity: { name: string }; location: { line: number }; description: string };
type RunnerResult = { issues: Finding[]; errors: Array<{ file: string; message: string; tolerable: boolean }> };
type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<RunnerResult>;

/**
 * Findings reviewed and found to be false positives: electronegativity reads single files and literals,
 * so it cannot see what another module or a response header does. Each names where the real defence is tested.
 */
const ALLOWED: ReadonlyArray<{ id: string; file: string; why: string }> = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    why: 'the CSP is a response header of the app:// protocol handler (ipc/electron-protocol.ts, from server/headers.ts), not a literal the scanner recognises; its directives are tested in security.test.ts and an injected inline script is shown not to run in test/e2e/transport/csp.test.ts',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/security.ts',
    why: 'openExternal is reached only after isSafeExternalUrl (https, no credentials, host on EXTERNAL_HOSTS); tested in security.test.ts',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'main/window.ts',
    why: 'a review reminder: the preload exposes only invoke/on for the contract channels and a dropped file path (electron/preload/index.ts), tested in test/unit/electron/preload/index.test.ts',
  },
];

const runElectronegativity = createRequire(import.meta.url)('@doyensec/electronegativity/dist/runner.js') as Runner;
let outputDir: string | undefined;
afterAll(async () => {
  if (outputDir) await rm(outputDir, { recursive: true, force: true });
});

describe('electronegativity', () => {
  it('leaves no high or medium finding on electron/ that is not explained', { timeout: 180_000 }, async () => {
    outputDir = await mkdtemp(join(tmpdir(), 'pf-electronegativity-'));
    const result = await runElectronegativity(
      {
        input: 'electron/',
        output: join(outputDir, 'report.csv'),
        electronVersionOverride: '45.5.0',
        customScan: [],
        // The one check that goes online (Electron's release list from GitHub, written into node_modules):
        // it judges a package.json's Electron version, which electron/ does not hold; a dead network would hang CI.
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        parserPlugins: [],
        isRelative: true,
      },
      false,
    );
    expect(result.errors.filter((error) => !error.tolerable)).toEqual([]);
    const serious = result.issues.filter((issue) => issue.severity.name === 'HIGH' || issue.severity.name === 'MEDIUM');
    const unexplained = serious
      .filter((issue) => !ALLOWED.some((allowed) => allowed.id === issue.id && allowed.file === issue.file))
      .map((issue) => `${issue.id} ${issue.severity.name} ${issue.file}:${issue.location.line} ${issue.description}`);
    expect(unexplained).toEqual([]);
    // An entry that no longer matches anything is stale: it would hide a future finding unexplained.
    const stale = ALLOWED.filter((allowed) => !serious.some((issue) => issue.id === allowed.id && issue.file === allowed.file));
    expect(stale).toEqual([]);
  });
});

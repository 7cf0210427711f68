import { execFile } from 'node:child_process';

export type CliRun = { code: number; stdout: string; stderr: string; json: unknown };

/** Runs one of the project's CLIs as a user would (`npx tsx electron/main/cli/<name>.ts ...`), without a shell. */
export function runCli(script: string, args: readonly string[], options: { cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', `electron/main/cli/${script}.ts`, ...args],
      { cwd: options.cwd ?? process.cwd(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        let json: unknown;
        try {
          json = JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        // The AWS SDK's Node version notice is not the CLI's output.
        const own = stderr
          .split('\n')
          .filter((line) => line.startsWith('error:') || (!/NodeVersionSupportWarning|node >=22|upgrade to node|a\.co\/|trace-warnings|versions published|To continue receiving|security updates/.test(line) && line.trim() !== ''))
          .join('\n');
        resolve({ code, stdout, stderr: own, json });
      },
    );
  });
}

/** Where the harness aims a kill of main: the request in flight when it dies. */
export const MAIN_PHASES = ['push', 'pull', 'scan', 'staging', 'multipart', 'put-object', 'asset-item'] as const;
export type MainPhase = (typeof MAIN_PHASES)[number];

/** Where it aims a kill of the browser: main's phases seen from the page, and a local write in progress. */
export const BROWSER_PHASES = ['local-write', 'push', 'pull', 'scan', 'staging'] as const satisfies ReadonlyArray<MainPhase | 'local-write'>;
export type BrowserPhase = (typeof BROWSER_PHASES)[number];

export type KillTarget = { process: 'main'; phase: MainPhase } | { process: 'browser'; phase: BrowserPhase };

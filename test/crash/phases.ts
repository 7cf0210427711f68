/** Where the harness aims a kill of main: the request in flight when it dies. */
export const MAIN_PHASES = ['push', 'pull', 'scan', 'staging', 'multipart', 'put-object', 'asset-item'] as const;
export type MainPhase = (typeof MAIN_PHASES)[number];

/**
 * Where it aims a kill of the browser: main's phases seen from the page, a local write in progress, and the
 * local database's upgrade from schema version 3 (renderer/src/db/upgrades.ts).
 */
export const BROWSER_PHASES = ['local-write', 'push', 'pull', 'scan', 'staging', 'upgrade'] as const satisfies ReadonlyArray<MainPhase | 'local-write' | 'upgrade'>;
export type BrowserPhase = (typeof BROWSER_PHASES)[number];

export type KillTarget = { process: 'main'; phase: MainPhase } | { process: 'browser'; phase: BrowserPhase };

/**
 * Kills aimed at the local database's own writes weigh more (issue 16: at least a quarter of a run lands in the
 * initial sync's page writes and the schema upgrade): these targets are drawn again beside every phase.
 */
export const STORAGE_TARGETS: readonly KillTarget[] = [
  { process: 'main', phase: 'scan' },
  { process: 'browser', phase: 'scan' },
  { process: 'browser', phase: 'scan' },
  { process: 'browser', phase: 'upgrade' },
  { process: 'browser', phase: 'upgrade' },
];

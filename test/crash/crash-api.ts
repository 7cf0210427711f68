import type { ConflictRecord } from '@renderer/db/schema';
import type { ItemPatch } from '@shared/sync';
import type { Mutation } from '@shared/sync';
import type { ClientCopy } from '../support/client-copy';

/** One local write as the office app makes it (renderer/src/db local writes). */
export type CrashEdit =
  | { kind: 'create'; entity: CrashEntity; item: Record<string, unknown> }
  | { kind: 'update'; entity: CrashEntity; key: string; patch: ItemPatch }
  | { kind: 'delete'; entity: CrashEntity; key: string };

/** The tables the desks edit in a crash run (assets arrive by upload). */
export type CrashEntity = 'resources' | 'users' | 'bookings';

/** A file to upload: a small image sent as base64, or a video of `size` bytes made in the page. */
export type CrashFile = { name: string; userId: string } & ({ pngBase64: string } | { mp4Size: number });

/** What the crash page (browser/crash-page.ts) offers the harness as `window.crash`. */
export type CrashApi = {
  /** The write made, or why the app refused it (nothing written). */
  edit(edit: CrashEdit): Promise<{ mutation: Mutation | null } | { refused: string }>;
  keys(entity: CrashEntity): Promise<string[]>;
  /** Staged through the loopback server and queued: the job, or why it was not accepted. */
  upload(file: CrashFile): Promise<{ jobId: string; assetId: string; checksum: string } | { refused: string }>;
  /** Syncs until in sync (what moved, in words); resolves conflicts (mine where the item still exists and it is no clash, else theirs) and drops rejections, reporting both and the new writes. */
  settle(who: string): Promise<{ quiet: boolean; moved: string; shownConflicts: ConflictRecord[]; shownRejections: Mutation[]; resolutions: Mutation[] }>;
  copy(label: string): Promise<ClientCopy>;
  initialSyncDone(): Promise<boolean>;
  /**
   * Stops the sync loop and rewrites this desk's database as schema version 3 kept it (every server copy a base
   * record beside its view), so the next open runs the upgrade to version 4; returns the base records written.
   */
  rewriteAsVersionThree(): Promise<number>;
  /** Syncs, then ages every delta checkpoint past the tombstone retention, as for a desk away too long: the next pull is a full resync. */
  awayTooLong(): Promise<void>;
  /** The database's schema version before this page opened it (null: there was none). */
  openedFromVersion(): Promise<number | null>;
};

type Page = { evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> };

/** Calls one crash-page method and returns its (JSON-serialisable) result. */
export function callCrash<M extends keyof CrashApi>(page: Page, method: M, ...args: Parameters<CrashApi[M]>): Promise<Awaited<ReturnType<CrashApi[M]>>> {
  return page.evaluate(
    ([name, values]) => {
      const api = (globalThis as unknown as { crash: Record<string, (...a: unknown[]) => unknown> }).crash;
      return (api[name] as (...a: unknown[]) => unknown)(...values) as Awaited<ReturnType<CrashApi[M]>>;
    },
    [method, args] as [string, unknown[]],
  );
}

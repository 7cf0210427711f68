import type { Page } from '@playwright/test';
import type { AwsClients } from '../../electron/main/aws/clients';
import type { BenchMain } from './main-client';
import type { SampleSizes } from './sample-items';

/** Sizes of one run: full (the goals' sizes) or quick (a smoke run of the same code). */
export type BenchSizes = {
  /** The large dataset: P1, P4, P3 and P2's large side. */
  large: SampleSizes;
  /** P2's small side: the same pull at about a tenth of the items. */
  small: SampleSizes;
  changedItems: number;
  edits: number;
  uploadMb: number;
};

export const FULL_SIZES: BenchSizes = {
  large: { users: 10_000, bookings: 100_000, assets: 10_000 },
  small: { users: 834, bookings: 8_333, assets: 833 },
  changedItems: 100,
  edits: 1_000,
  uploadMb: 200,
};

export const QUICK_SIZES: BenchSizes = {
  large: { users: 1_000, bookings: 10_000, assets: 1_000 },
  small: { users: 100, bookings: 833, assets: 100 },
  changedItems: 100,
  edits: 200,
  uploadMb: 20,
};

export type BenchContext = {
  sizes: BenchSizes;
  /** The runner's own clients on the large tables (baselines, loading, changes). */
  clients: AwsClients;
  largePrefix: string;
  smallPrefix: string;
  /** The app's main process (its own Node process) and the bench page in Chromium. */
  main: BenchMain;
  page: Page;
  engine: string;
  log(line: string): void;
};

export function total(sizes: SampleSizes): number {
  return sizes.users + sizes.bookings + sizes.assets;
}

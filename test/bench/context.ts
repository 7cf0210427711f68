import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page } from '@playwright/test';
import type { AwsClients } from '@main/aws/clients';
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
  large: { resources: 100, users: 10_000, bookings: 100_000, assets: 10_000 },
  small: { resources: 30, users: 834, bookings: 8_333, assets: 833 },
  changedItems: 100,
  edits: 1_000,
  uploadMb: 200,
};

export const QUICK_SIZES: BenchSizes = {
  large: { resources: 30, users: 500, bookings: 5_000, assets: 500 },
  small: { resources: 20, users: 50, bookings: 500, assets: 50 },
  changedItems: 60,
  edits: 100,
  uploadMb: 20,
};

export type BenchContext = {
  sizes: BenchSizes;
  /** The app's client code in the runner, on the large tables (loading, P2, P5). */
  clients: AwsClients;
  /** A plain SDK client for the raw baselines (Scan, UpdateItem). */
  raw: DynamoDBDocumentClient;
  largePrefix: string;
  smallPrefix: string;
  /** The app's main process (its own Node process) and the bench page in Chromium. */
  main: BenchMain;
  page: Page;
  engine: string;
  /** Profile the app's side of each benchmark (renderer and main) and log where the time goes. */
  profile: boolean;
  log(line: string): void;
};

export function total(sizes: SampleSizes): number {
  return sizes.resources + sizes.users + sizes.bookings + sizes.assets;
}

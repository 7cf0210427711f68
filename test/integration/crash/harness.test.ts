import { expect, it } from 'vitest';
import { runCrashHarness } from '@test/crash/harness';
import { testEndpoints } from '@test/support/backend';

it('main and Chromium killed with SIGKILL at chosen points: nothing lost, duplicated, orphaned or divergent', async () => {
  const { figures, problems } = await runCrashHarness({
    ...testEndpoints(),
    kills: 6,
    seed: 20261126,
    faultRate: 0.02,
    sample: { users: 10, bookings: 200 },
    warmUpMs: 1_500,
    phaseTimeoutMs: 8_000,
  });
  expect(problems).toEqual([]);
  expect(figures).toMatchObject({ lost: 0, duplicated: 0, divergent: 0, orphanObjects: 0, orphanItems: 0, corruptObjects: 0, unseenOverwrites: 0, resurrected: 0, versionGaps: 0, slotDrift: 0, overlappingBookings: 0 });
  // The run did what it claims: both processes killed, edits and uploads acknowledged, every desk compared.
  // Every write of the app, killed mid-request or not, has exactly one history entry; none without its write.
  expect(figures.history).toMatchObject({ missing: 0, duplicated: 0, unrecorded: 0 });
  expect(figures.history.entries).toBeGreaterThan(0);
  expect(figures.killsOfMain).toBeGreaterThan(0);
  expect(figures.killsOfBrowser).toBeGreaterThan(0);
  expect(figures.edits).toBeGreaterThan(5);
  expect(figures.applied).toBeGreaterThan(0);
  // The school's resources were edited among the desks' edits, and judged like them.
  expect(figures.resourceEdits).toBeGreaterThan(0);
}, 400_000);

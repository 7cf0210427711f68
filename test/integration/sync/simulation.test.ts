import { expect, it } from 'vitest';
import { runSimulation } from './simulation';

it('a seeded multi-client simulation loses, duplicates and diverges nothing', async () => {
  const { figures, problems } = await runSimulation({ clients: 3, ops: 160, seed: 20261125 });
  expect(problems).toEqual([]);
  expect(figures).toMatchObject({ lost: 0, duplicated: 0, divergent: 0, unseenOverwrites: 0, resurrected: 0, versionGaps: 0, slotDrift: 0, overlappingBookings: 0 });
  // Every write the app made has exactly one history entry, and every entry is of a write that happened.
  expect(figures.history).toMatchObject({ missing: 0, duplicated: 0, unrecorded: 0 });
  expect(figures.history.entries).toBeGreaterThan(0);
  // The run exercised what it claims to: edits of every kind, conflicts, other tools' writes, faults.
  expect(figures.applied).toBeGreaterThan(30);
  expect(figures.conflictsShown).toBeGreaterThan(0);
  // The school's resources are edited by several desks, with conflicts, among the rest.
  expect(figures.resourceEdits).toBeGreaterThan(0);
  expect(figures.resourceConflictsShown).toBeGreaterThan(0);
  expect(figures.otherToolWrites).toBeGreaterThan(0);
  expect(figures.faultsInjected).toBeGreaterThan(0);
}, 300_000); // about 20 s on an idle machine; generous for a loaded CI box

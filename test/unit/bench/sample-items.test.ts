import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES, ENTITY_SCHEMAS } from '@shared/models';
import { sampleItems } from '@test/bench/sample-items';

describe('bench sample items', () => {
  const sizes = { resources: 10, users: 50, bookings: 400, assets: 60 };

  it('fit their entity schemas, so none is quarantined by the sync under test', () => {
    for (const entity of ENTITY_NAMES) {
      for (const item of sampleItems(entity, sizes)) {
        const parsed = ENTITY_SCHEMAS[entity].safeParse(item);
        expect(parsed.success, `${entity} ${JSON.stringify(item)}: ${parsed.error?.message}`).toBe(true);
      }
    }
  });

  it('are the same on every call (the runner and the bench page generate them apart)', () => {
    expect([...sampleItems('bookings', sizes)]).toEqual([...sampleItems('bookings', sizes)]);
  });

  it('lie well in the past, so a delta pull reads only what a benchmark changes', () => {
    const latest = Math.max(...ENTITY_NAMES.flatMap((entity) => [...sampleItems(entity, sizes)].map((item) => Date.parse(String(item.updatedAt)))));
    expect(latest).toBeLessThan(Date.parse('2026-01-01T00:00:00Z'));
  });
});

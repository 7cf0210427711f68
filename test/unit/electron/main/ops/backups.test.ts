import { describe, expect, it } from 'vitest';
import { backupName } from '@main/ops/backups';

describe('on-demand backup names', () => {
  it('name the table and the moment, sortable, within CreateBackup\'s rules', () => {
    const name = backupName('prod-PilotForce-Bookings', new Date('2026-01-15T09:30:05.123Z'));
    expect(name).toBe('prod-PilotForce-Bookings-20260115T093005Z');
    expect(name).toMatch(/^[a-zA-Z0-9_.-]{3,255}$/);
  });
});

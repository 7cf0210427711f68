import { describe, expect, it } from 'vitest';
import { parseKeysFile, restoreTables } from '@main/ops/restore-copy';

describe('restoreTables', () => {
  it('reads the entity and the prefix from the live table, and checks the restored one is its copy', () => {
    expect(restoreTables('prod-PilotForce-Bookings-restored', 'prod-PilotForce-Bookings')).toEqual({ entity: 'bookings', prefix: 'prod-' });
    expect(restoreTables('PilotForce-Users-2026-11-20', 'PilotForce-Users')).toEqual({ entity: 'users', prefix: '' });
    expect(() => restoreTables('prod-PilotForce-Users-restored', 'prod-PilotForce-Bookings')).toThrow('--from prod-PilotForce-Users-restored is not a copy of PilotForce-Bookings');
    expect(() => restoreTables('prod-PilotForce-Bookings', 'prod-PilotForce-Bookings')).toThrow('--from and --to name the same table');
    expect(() => restoreTables('x', 'prod-Bookings')).toThrow(/^--to prod-Bookings is not a PilotForce table/);
  });
});

describe('parseKeysFile', () => {
  it('takes one key per line, without blank lines and comments', () => {
    expect(parseKeysFile('# damaged on the 21st\nbk-1\n\n  bk-2  # and this one\n', 'T')).toEqual([{ key: 'bk-1' }, { key: 'bk-2' }]);
    expect(() => parseKeysFile('# nothing\n\n', 'T')).toThrow('the keys file lists no keys');
  });

  it('takes a dry run\'s report with the live versions it saw, for the same live table only', () => {
    const plan = JSON.stringify({
      to: 'prod-PilotForce-Bookings',
      items: [
        { key: 'bk-1', status: 'planned', live: { version: 4, updatedAt: '2026-11-21T08:00:00.000Z', updatedBy: 'import' }, fields: ['status'] },
        { key: 'bk-2', status: 'skipped', reason: 'not in the restored table' },
        { key: 'bk-3', status: 'conflict', live: null, reason: 'gone' },
      ],
    });
    expect(parseKeysFile(plan, 'prod-PilotForce-Bookings')).toEqual([
      { key: 'bk-1', live: { version: 4, updatedAt: '2026-11-21T08:00:00.000Z', updatedBy: 'import' } },
      { key: 'bk-2' },
      { key: 'bk-3', live: null },
    ]);
    expect(() => parseKeysFile(plan, 'staging-PilotForce-Bookings')).toThrow('the keys file was planned for prod-PilotForce-Bookings, not staging-PilotForce-Bookings');
    expect(() => parseKeysFile('{"items": 3}', 'T')).toThrow('the keys file is JSON but not a db:restore-copy report');
  });
});

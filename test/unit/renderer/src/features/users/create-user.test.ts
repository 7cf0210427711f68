import { afterEach, describe, expect, it } from 'vitest';
import { createItem, type PilotForceDb } from '@renderer/db';
import { createUserFromForm } from '@renderer/features/users/create-user';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';

let db: PilotForceDb;
afterEach(() => db?.close());

const form = { name: 'Raj Coleman', email: 'raj.c@example.com', phoneNumber: '', role: 'customer' };
const raj = { userId: 'u-raj', name: form.name, email: form.email, role: form.role, createdAt: '2026-01-01T00:00:00Z' };

describe('creating a user', () => {
  it('refuses an email another user already has (any case), naming whose it is, and writes nothing', async () => {
    db = await freshDb();
    await createItem(db, 'users', raj, 'Sam Staff');
    await expect(createUserFromForm(db, { ...form, email: 'RAJ.C@example.com' }, 'Sam Staff')).rejects.toThrow(
      'raj.c@example.com is already the email of Raj Coleman · raj.c@example.com · Student. Open their page',
    );
    expect(await db.users.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });

  it('creates a namesake with another email', async () => {
    db = await freshDb();
    await createItem(db, 'users', raj, 'Sam Staff');
    const { userId, mutation } = await createUserFromForm(db, { ...form, email: 'raj.coleman@example.com' }, 'Sam Staff');
    expect(await db.users.get(userId)).toMatchObject({ name: 'Raj Coleman', email: 'raj.coleman@example.com', role: 'customer' });
    expect(mutation).toMatchObject({ kind: 'create', entity: 'users', key: userId });
  });
});

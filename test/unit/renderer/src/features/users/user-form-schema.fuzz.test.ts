import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rejectionReason } from '@main/sync/validate-mutation';
import type { UserItem } from '@renderer/common/items';
import { UserFormSchema, type UserFormValues, userFormPatch, userToForm } from '@renderer/features/users/user-form-schema';
import { UserSchema } from '@shared/models';
import { fuzzParameters, fuzzRuns, fuzzTimeout } from '@test/support/fuzz';

const runs = fuzzRuns(200);
const NOW = '2026-03-01T12:00:00.000Z';
const FIELDS: Array<keyof UserFormValues> = ['name', 'email', 'phoneNumber', 'role'];

const validForm = fc.record({
  name: fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }).filter((s) => s.trim() !== '' && s.trim().length <= 200),
  // Addresses as offices have them (zod's email rule refuses some rare RFC forms, e.g. `!a@b.cc`).
  email: fc.stringMatching(/^[a-z0-9_+-]{1,12}(\.[a-z0-9_+-]{1,12})?@[a-z0-9]{1,12}(-[a-z0-9]{1,5})?\.[a-z]{2,6}$/),
  phoneNumber: fc.oneof(fc.constant(''), fc.stringMatching(/^\+?[0-9][0-9 ()-]{1,29}[0-9]$/)),
  role: fc.oneof(fc.constantFrom('admin', 'staff', 'instructor', 'customer'), fc.string({ minLength: 1, maxLength: 64 }).filter((s) => s.trim() !== '')),
});

const hostileText = fc.oneof(
  fc.string({ maxLength: 300, unit: 'binary' }),
  fc.string({ maxLength: 300, unit: 'grapheme-ascii' }),
  fc.emailAddress(),
  fc.constantFrom(' ', '\u0000', 'a@b', '@example.com', 'ann@example.com ', '+', '++44 20', '(((', '1'.repeat(40), 'x'.repeat(201)),
);
const hostileForm = fc
  .tuple(validForm, fc.dictionary(fc.constantFrom(...FIELDS), hostileText, { maxKeys: 4 }))
  .map(([form, overrides]) => ({ ...form, ...overrides }));

/** The user a saved form becomes, with what the local write adds. */
function userOf(values: UserFormValues): UserItem {
  const patch = Object.fromEntries(Object.entries(userFormPatch(UserFormSchema.parse(values))).filter(([, value]) => value !== undefined));
  return UserSchema.parse({ ...patch, userId: 'u-1', createdAt: NOW, updatedAt: NOW, version: 1 }) as UserItem;
}

function serverRejection(user: UserItem): string | null {
  const { userId: _id, updatedAt: _u, version: _v, clientSeq: _s, ...item } = user;
  return rejectionReason({ kind: 'create', clientId: 'c', seq: 1, entity: 'users', key: 'u-1', updatedBy: 'ann', item }, NOW);
}

describe('user form input (fuzz)', () => {
  it(
    'valid input saves as a user the server accepts, and reads back into the same form',
    () => {
      fc.assert(
        fc.property(validForm, (values) => {
          const user = userOf(values);
          expect(serverRejection(user)).toBeNull();
          expect(UserFormSchema.parse(userToForm(user))).toEqual(UserFormSchema.parse(values));
        }),
        fuzzParameters(runs),
      );
    },
    fuzzTimeout(runs, 2),
  );

  it(
    'any input either names the fields to fix, or saves as a user the server accepts',
    () => {
      fc.assert(
        fc.property(hostileForm, (values) => {
          const parsed = UserFormSchema.safeParse(values);
          if (!parsed.success) {
            for (const issue of parsed.error.issues) {
              expect(FIELDS).toContain(issue.path[0]);
              expect(issue.message.length).toBeGreaterThan(0);
            }
            return;
          }
          expect(serverRejection(userOf(values))).toBeNull();
        }),
        fuzzParameters(runs),
      );
    },
    fuzzTimeout(runs, 2),
  );
});

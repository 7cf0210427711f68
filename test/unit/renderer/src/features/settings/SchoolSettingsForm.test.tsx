import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createItem, PilotForceDbContext, writeMeta, type PilotForceDb } from '@renderer/db';
import { MirrorsProvider } from '@renderer/common/data';
import { saveSchoolSettings } from '@renderer/common/school-settings';
import { SessionProvider } from '@renderer/common/session';
import { SchoolSettingsForm } from '@renderer/features/settings/SchoolSettingsForm';
import { defaultSchoolSettings, SCHOOL_SETTINGS_ID } from '@shared/models';
import { aUser } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { renderWithMantine } from '@test/unit/renderer/support/render';

let db: PilotForceDb;
afterEach(() => db?.close());

async function renderAs(role: 'admin' | 'staff') {
  db = await freshDb();
  await createItem(db, 'users', aUser({ userId: 'u-ada', name: 'Ada Admin', role }), 'seed');
  await writeMeta(db, 'staffUserId', 'u-ada');
  await saveSchoolSettings(db, defaultSchoolSettings('Europe/London'), 'Ada Admin');
  const rendered = renderWithMantine(
    <PilotForceDbContext.Provider value={db}>
      <SessionProvider>
        <MirrorsProvider>
          <SchoolSettingsForm />
        </MirrorsProvider>
      </SessionProvider>
    </PilotForceDbContext.Provider>,
  );
  // The session (who is working, so whether they may edit) is read from the local database after the first render.
  // Under a loaded machine that read can take longer than waitFor's default second.
  if (role === 'admin') await waitFor(() => expect(screen.getByRole('textbox', { name: 'New document kind' })).toHaveProperty('disabled', false), { timeout: 10_000 });
  return rendered;
}

/** Opens a Mantine select and clicks one of its own options (every select on the form keeps a hidden list). */
async function pick(user: ReturnType<typeof renderWithMantine>['user'], combobox: HTMLElement, option: string) {
  await user.click(combobox);
  const listbox = document.getElementById(combobox.getAttribute('aria-controls') ?? '');
  if (!listbox) throw new Error(`no option list for ${combobox.getAttribute('aria-label') ?? 'the select'}`);
  await user.click(within(listbox).getByRole('option', { name: option, hidden: true }));
}

const settingsItem = () => db.resources.get(SCHOOL_SETTINGS_ID) as Promise<Record<string, unknown> | undefined>;

describe('the school settings form', { timeout: 30_000 }, () => {
  it('speaks the office\'s words: roles, service types and document kinds by name, no stored ids', async () => {
    await renderAs('admin');
    const documents = await screen.findByRole('region', { name: 'Documents' });
    expect(within(documents).getByRole('textbox', { name: 'Name of document kind 1' })).toHaveProperty('value', 'Medical certificate');
    expect(within(documents).getByText('Students')).toBeTruthy();
    expect(within(documents).getByText('Instructors')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Default service type' })).toHaveProperty('value', 'Flight lesson');
    const form = screen.getByRole('region', { name: 'School settings' });
    expect(form.textContent).not.toMatch(/flight-lesson|customer|\(warn\)/);
  });

  it('adds a document kind, requires it of instructors with a block, and saves it for every desk', async () => {
    const { user } = await renderAs('admin');
    const documents = await screen.findByRole('region', { name: 'Documents' });
    await user.type(within(documents).getByRole('textbox', { name: 'New document kind' }), 'Flight review');
    await user.click(within(documents).getByRole('button', { name: 'Add kind' }));
    await pick(user, within(documents).getByRole('combobox', { name: 'Documents required of instructors' }), 'Flight review');
    await pick(user, within(documents).getByRole('combobox', { name: 'When a document of instructors is missing or expired' }), 'Block the booking');
    await user.click(screen.getByRole('button', { name: 'Save school settings' }));
    expect(await screen.findByText(/Saved; every desk gets it/)).toBeTruthy();
    await waitFor(async () =>
      expect(await settingsItem()).toMatchObject({
        documentKinds: expect.arrayContaining([{ kindId: 'flight-review', name: 'Flight review' }]),
        documentRules: expect.arrayContaining([{ role: 'instructor', requiredKinds: ['flight-review'], enforcement: 'block' }]),
      }),
    );
  });

  it('removing a kind stops requiring it; a bad value is named as the screen labels it and nothing is saved', async () => {
    const { user } = await renderAs('admin');
    const documents = await screen.findByRole('region', { name: 'Documents' });
    await user.click(within(documents).getByRole('button', { name: 'Remove Medical certificate' }));
    await user.clear(screen.getByRole('textbox', { name: 'monday closes' }));
    await user.type(screen.getByRole('textbox', { name: 'monday closes' }), '07:00');
    const before = await settingsItem();
    await user.click(screen.getByRole('button', { name: 'Save school settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved. Monday closes: the school opens before it closes.');
    expect(await settingsItem()).toEqual(before);
    await user.clear(screen.getByRole('textbox', { name: 'monday closes' }));
    await user.type(screen.getByRole('textbox', { name: 'monday closes' }), '18:00');
    await user.click(screen.getByRole('button', { name: 'Save school settings' }));
    await waitFor(async () => expect(await settingsItem()).toMatchObject({ documentKinds: [{ kindId: 'licence' }], documentRules: [] }));
  });

  it('is read-only for office staff', async () => {
    await renderAs('staff');
    expect(await screen.findByText(/Only an admin can change them/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save school settings' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('textbox', { name: 'New document kind' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Remove Medical certificate' })).toHaveProperty('disabled', true);
  });
});

import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { UserForm } from '@renderer/features/users/UserForm';
import { userToForm } from '@renderer/features/users/user-form-schema';
import { renderWithMantine } from '@test/unit/renderer/support/render';

describe('user form', { timeout: 30_000 }, () => {
  it('warns while the name is another user’s, and still saves', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const { user } = renderWithMantine(
      <UserForm initial={userToForm(undefined)} submitLabel="Create user" onSubmit={onSubmit} warnName={(name) => (name.trim() === 'Raj Coleman' ? 'Another user already has this name' : undefined)} />,
    );
    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'Raj Colema');
    expect(screen.queryByText('Another user already has this name')).toBeNull();
    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'n');
    expect(screen.getByText('Another user already has this name')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: /Email/ }), 'raj.coleman@example.com');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
  });

  it('shows why a save was refused, in the words of the error', async () => {
    const onSubmit = vi.fn(async () => {
      throw new Error('raj.c@example.com is already the email of Raj Coleman · raj.c@example.com · Student.');
    });
    const { user } = renderWithMantine(<UserForm initial={{ ...userToForm(undefined), name: 'Raj Coleman', email: 'raj.c@example.com' }} submitLabel="Create user" onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('raj.c@example.com is already the email of Raj Coleman');
  });
});

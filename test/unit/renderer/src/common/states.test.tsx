import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ScreenErrorBoundary } from '@renderer/common/states';
import { renderWithMantine } from '@test/unit/renderer/support/render';

describe('screen error boundary', () => {
  it('shows the failure with a retry instead of a blank screen, and renders again on retry', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let broken = true;
    function Screen() {
      if (broken) throw new Error('The booking index is unreadable');
      return <p>Bookings</p>;
    }
    const { user } = renderWithMantine(
      <ScreenErrorBoundary>
        <Screen />
      </ScreenErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('The booking index is unreadable');
    broken = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('Bookings')).toBeInTheDocument();
  });
});

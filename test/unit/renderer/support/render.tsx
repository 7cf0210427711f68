import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';

/** Renders inside Mantine's provider, as the app does, with a user-event session. */
export function renderWithMantine(ui: ReactElement) {
  const user = userEvent.setup();
  return { user, ...render(<MantineProvider>{ui}</MantineProvider>) };
}

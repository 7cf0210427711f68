import { createTheme } from '@mantine/core';

/** Calm colours and a readable density for a screen watched all day. */
export const appTheme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});

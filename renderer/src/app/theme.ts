import { createTheme } from '@mantine/core';

/**
 * Calm colours and a readable density for a screen watched all day. Filled, light and outlined colours use
 * the darker shades, and a filled badge's text turns dark on a light colour, so every text keeps WCAG AA
 * contrast (axe, test/e2e/office/screens-words.test.ts).
 */
export const appTheme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 9, dark: 7 },
  autoContrast: true,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});

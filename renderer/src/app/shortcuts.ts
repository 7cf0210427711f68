/** Every keyboard shortcut, as the "?" sheet lists them (Shell binds them; lists and fields do the rest). */
export const SHORTCUTS: ReadonlyArray<{ keys: string; what: string }> = [
  { keys: 'Ctrl+K', what: 'Command palette: go to a screen, run an action, find a booking (name, date), a person (name, email) or an aircraft (registration)' },
  { keys: 'Alt+1 … Alt+9', what: 'Go to a screen, in the navigation’s order (also from inside a field)' },
  { keys: 'Alt+N', what: 'New booking (also from inside a field); N outside a field' },
  { keys: 'Ctrl+Shift+S', what: 'Sync now' },
  { keys: '/', what: 'Go to the search box of the screen (Bookings, Users, Assets)' },
  { keys: '↓ ↑', what: 'Move between the rows of a list; ↓ in a search box goes to its first row' },
  { keys: 'Home End', what: 'First and last row of a list' },
  { keys: 'Enter', what: 'Open the row' },
  { keys: 'Esc', what: 'Leave the field (or close the dialog)' },
  { keys: '?', what: 'This list' },
];

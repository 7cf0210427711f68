import type { KeyboardEvent } from 'react';

/** Marks a screen's search box (`{...{ [SEARCH_BOX]: true }}`), which "/" focuses. */
export const SEARCH_BOX = 'data-search-box';
/** Marks a focusable row of a list, which the arrow keys move between. */
export const LIST_ROW = 'data-list-row';

/** Whether the element is somewhere text is typed (where plain-letter shortcuts must not fire). */
export function isField(element: Element | null): element is HTMLElement {
  if (!element) return false;
  if (!(element instanceof HTMLElement)) return false;
  if (element instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(element.type);
  return element.isContentEditable || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT';
}

/** The row a key moves to from `current` (-1: none focused) among `count`, or undefined when the key is not a move. */
export function nextIndex(key: string, current: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/**
 * A list's keyboard, for a list whose rows are all rendered: ↑/↓, Home/End move the focus between its
 * rows (elements marked `LIST_ROW`); Enter is each row's own (a link, or its handler). Keys typed in a
 * field inside the list are left alone.
 */
export function onListKeyDown(event: KeyboardEvent<HTMLElement>): void {
  if (isField(event.target as Element)) return;
  const rows = [...event.currentTarget.querySelectorAll<HTMLElement>(`[${LIST_ROW}]`)];
  const current = rows.findIndex((row) => row.contains(document.activeElement));
  const next = nextIndex(event.key, current, rows.length);
  if (next === undefined) return;
  event.preventDefault();
  rows[next]?.focus();
}

/** ↓ in a search box: to the first row of its list. */
export function onSearchKeyDown(event: KeyboardEvent<HTMLElement>, list: HTMLElement | null): void {
  if (event.key !== 'ArrowDown') return;
  const first = list?.querySelector<HTMLElement>(`[${LIST_ROW}]`);
  if (!first) return;
  event.preventDefault();
  first.focus();
}

/** Enter on a row that is not a link: opens it as a click would. */
export function onRowKeyDown(event: KeyboardEvent<HTMLElement>, open: () => void): void {
  if (event.key !== 'Enter') return;
  if (event.target !== event.currentTarget) return;
  event.preventDefault();
  open();
}

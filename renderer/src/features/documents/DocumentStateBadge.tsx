import { Badge } from '@mantine/core';
import type { DocumentState } from '@shared/documents';

export const DOCUMENT_STATE_LABELS: Record<DocumentState, string> = { current: 'Current', expiring: 'Expiring soon', expired: 'Expired', missing: 'Missing' };
// Shades dark enough for white text at WCAG AA (axe, screens-words.test.ts).
const DOCUMENT_STATE_COLORS = { current: 'teal', expiring: 'orange.9', expired: 'red.8', missing: 'red.8' } as const satisfies Record<DocumentState, string>;

/** A document's state, in the same words and colour on every screen. */
export function DocumentStateBadge({ state }: { state: DocumentState }) {
  return (
    <Badge size="sm" color={DOCUMENT_STATE_COLORS[state]} variant={state === 'current' ? 'light' : 'filled'} autoContrast>
      {DOCUMENT_STATE_LABELS[state]}
    </Badge>
  );
}

import { Badge } from '@mantine/core';
import type { DocumentState } from '@shared/documents';

export const DOCUMENT_STATE_LABELS: Record<DocumentState, string> = { current: 'Current', expiring: 'Expiring soon', expired: 'Expired', missing: 'Missing' };
// Colours whose text meets WCAG AA at the badge's 10 px (axe, screens-words.test.ts): white on red 9 is 5.4:1
// (red 8 is 4.5, orange 9 4.3); autoContrast writes dark text on the yellow of "expiring soon" and the teal of "current" (teal's light variant is 4.3:1).
const DOCUMENT_STATE_COLORS = { current: 'teal.2', expiring: 'yellow.4', expired: 'red.9', missing: 'red.9' } as const satisfies Record<DocumentState, string>;

/** A document's state, in the same words and colour on every screen. */
export function DocumentStateBadge({ state }: { state: DocumentState }) {
  return (
    <Badge size="sm" color={DOCUMENT_STATE_COLORS[state]} autoContrast>
      {DOCUMENT_STATE_LABELS[state]}
    </Badge>
  );
}

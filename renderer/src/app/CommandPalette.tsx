import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { normalizeText } from '@renderer/common/booking-search-index';

/** A command anyone can run from the palette (Ctrl/Cmd+K) or its own shortcut. */
export type Command = { id: string; label: string; description?: string; group: string; shortcut?: string; run: () => void };

/**
 * Ctrl/Cmd+K: every navigation target and common action by name, and what `search` finds for the text
 * typed (bookings, people, aircraft). The palette filters nothing itself: commands by their words,
 * the rest as `search` found it.
 */
export function CommandPalette({ commands, search }: { commands: readonly Command[]; search: (query: string) => Command[] }) {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 80);
  const found = useMemo(() => search(debounced), [search, debounced]);
  const terms = normalizeText(query).split(/\s+/).filter(Boolean);
  const matching = commands.filter((command) => {
    const text = normalizeText(`${command.label} ${command.description ?? ''} ${command.group}`);
    return terms.every((term) => text.includes(term));
  });
  const actions: SpotlightActionData[] = [...matching, ...found].map((command) => ({
    id: command.id,
    label: command.label,
    description: command.shortcut ? `${command.description ?? ''} ${command.shortcut}`.trim() : command.description,
    group: command.group,
    onClick: command.run,
  }));
  return (
    <Spotlight
      actions={actions}
      query={query}
      onQueryChange={setQuery}
      filter={(_, all) => all}
      shortcut={['mod + K']}
      nothingFound="Nothing matches: try a name, an email, a date like 2026-03-10 or a registration"
      highlightQuery
      scrollable
      maxHeight={480}
      searchProps={{ placeholder: 'Go to, do, or find a booking, person or aircraft…', 'aria-label': 'Command' }}
    />
  );
}

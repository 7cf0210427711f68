import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';

/** A command anyone can run from the palette (Ctrl/Cmd+K) or its own shortcut. */
export type Command = { id: string; label: string; description?: string; group: string; shortcut?: string; run: () => void };

/** Ctrl/Cmd+K: every navigation target and common action, searchable by name. */
export function CommandPalette({ commands }: { commands: readonly Command[] }) {
  const actions: SpotlightActionData[] = commands.map((command) => ({
    id: command.id,
    label: command.label,
    description: command.shortcut ? `${command.description ?? ''} ${command.shortcut}`.trim() : command.description,
    group: command.group,
    onClick: command.run,
  }));
  return (
    <Spotlight
      actions={actions}
      shortcut={['mod + K']}
      nothingFound="No command matches"
      highlightQuery
      searchProps={{ placeholder: 'Go to or do…', 'aria-label': 'Command' }}
    />
  );
}

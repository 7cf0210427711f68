import { Kbd, Modal, Table } from '@mantine/core';
import { SHORTCUTS } from './shortcuts';

/** "?": every shortcut, in a sheet Esc closes. */
export function ShortcutsSheet({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg">
      <Table aria-label="Keyboard shortcuts">
        <Table.Tbody>
          {SHORTCUTS.map((shortcut) => (
            <Table.Tr key={shortcut.keys}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {shortcut.keys.split(' ').map((key) => (key === '…' ? ' … ' : <Kbd key={key} mr={4}>{key}</Kbd>))}
              </Table.Td>
              <Table.Td>{shortcut.what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}

import { Modal, Table } from '@mantine/core';

const shortcuts: [string, string][] = [
  ['/', 'Search the list (cases, alerts)'],
  ['j / k', 'Next / previous row in a list, or alert in the alert drawer'],
  ['Enter', 'Open the selected row'],
  ['x', 'Select or unselect the current row'],
  ['Shift+C', 'Confirm the current alert'],
  ['Shift+D', 'Dismiss the current alert'],
  ['c', 'New case'],
  ['?', 'Show these shortcuts'],
  ['Esc', 'Close a dialog or leave a field'],
];

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="sm">
      <Table>
        <Table.Tbody>
          {shortcuts.map(([key, what]) => (
            <Table.Tr key={key}>
              <Table.Td w={110}>
                <kbd className="key">{key}</kbd>
              </Table.Td>
              <Table.Td>{what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}

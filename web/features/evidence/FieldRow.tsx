import { Table } from '@mantine/core';

/** Text that wraps anywhere it must: anyone's names, headers and notes, shown whole. */
export const wrapText = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

/** One labelled row of a detail table: the label dimmed on the left, the value beside it. */
export function FieldRow({
  label,
  width = 150,
  children,
}: {
  label: string;
  width?: number;
  children: React.ReactNode;
}) {
  return (
    <Table.Tr>
      <Table.Th w={width} fw={500} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

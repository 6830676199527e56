import { Checkbox, Table } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { Case } from '../../api.ts';
import { SortHeaderCells } from '../../components/SortHeader.tsx';
import { isOverdue } from '../../components/dates.ts';
import { useRowCursor } from '../../components/useRowCursor.ts';
import { useLiveMarks } from '../live/live-store.ts';
import { newMarkColumn, WithNewMark } from '../live/NewMark.tsx';
import type { Column } from './columns.tsx';
import type { SortField } from './dashboard-search.ts';
import { HEADER_HEIGHT, TableFrame } from '../../components/TableFrame.tsx';

interface Props {
  cases: Case[];
  columns: Column[];
  sort: SortField;
  order: 'asc' | 'desc';
  onSort: (field: SortField) => void;
  selected: Set<number>;
  onSelect: (numbers: number[], on: boolean) => void;
  selectable: boolean;
  statusColor: (id: number) => string | undefined;
}

/** The dense queue: j/k move, Enter opens, x selects; the active row is focused for screen readers. */
export function CaseTable(props: Props) {
  const { cases, columns, selected, onSelect, selectable } = props;
  const navigate = useNavigate();
  const { rowProps } = useRowCursor(cases);
  const markOf = useLiveMarks('case');
  const badgeAt = newMarkColumn(columns);
  const now = Date.now();
  const open = (c: Case) =>
    void navigate({ to: '/cases/$number', params: { number: String(c.number) } });

  const allSelected = cases.length > 0 && cases.every((c) => selected.has(c.number));
  const someSelected = cases.some((c) => selected.has(c.number));

  return (
    <TableFrame minWidth={900}>
      <Table
        highlightOnHover
        stickyHeader
        stickyHeaderOffset={HEADER_HEIGHT}
        striped={false}
        aria-label="Cases"
      >
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={32}>
                <Checkbox
                  size="xs"
                  aria-label="Select every case on this page"
                  checked={allSelected}
                  indeterminate={someSelected && !allSelected}
                  onChange={(e) =>
                    onSelect(
                      cases.map((c) => c.number),
                      e.currentTarget.checked,
                    )
                  }
                />
              </Table.Th>
            )}
            <SortHeaderCells
              columns={columns}
              sort={props.sort}
              order={props.order}
              onSort={props.onSort}
            />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((c, i) => (
            <Table.Tr
              key={c.number}
              {...rowProps(i, {
                open: () => open(c),
                toggle: selectable
                  ? () => onSelect([c.number], !selected.has(c.number))
                  : undefined,
              })}
              data-overdue={isOverdue(c.dueAt, c.status.category === 'closed', now)}
              data-live={markOf(c.number)}
              aria-selected={selected.has(c.number)}
            >
              {selectable && (
                <Table.Td>
                  <Checkbox
                    size="xs"
                    tabIndex={-1}
                    aria-label={`Select case ${c.number}`}
                    checked={selected.has(c.number)}
                    onChange={(e) => onSelect([c.number], e.currentTarget.checked)}
                  />
                </Table.Td>
              )}
              {columns.map((col, j) => (
                <Table.Td
                  key={col.key}
                  className={col.width === undefined ? 'cell-grow' : undefined}
                >
                  <WithNewMark isNew={j === badgeAt && markOf(c.number) === 'new'}>
                    {col.render(c, { statusColor: props.statusColor, now })}
                  </WithNewMark>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

import { Badge, Table, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { Subject } from '../../api.ts';
import { SortHeaderCells } from '../../components/SortHeader.tsx';
import { HEADER_HEIGHT, TableFrame } from '../../components/TableFrame.tsx';
import { useRowCursor } from '../../components/useRowCursor.ts';
import { WhenText } from '../../components/WhenText.tsx';
import type { SubjectSortField } from './subjects-search.ts';
import { riskColor } from './SubjectCard.tsx';

const columns: { key: string; label: string; sort?: SubjectSortField; width?: number }[] = [
  { key: 'name', label: 'Name', sort: 'name' },
  { key: 'email', label: 'E-mail / UPN', width: 230 },
  { key: 'department', label: 'Department', width: 140 },
  { key: 'jobTitle', label: 'Job title', width: 160 },
  { key: 'risk', label: 'Risk', sort: 'activityRiskScore', width: 80 },
  { key: 'alerts', label: 'Alerts', sort: 'alertCount', width: 80 },
  { key: 'last', label: 'Last activity', sort: 'lastActivityAt', width: 135 },
];

const none = (
  <Text size="sm" c="dimmed">
    —
  </Text>
);

const text = (v: string | null) =>
  v ? (
    <Text size="sm" truncate title={v}>
      {v}
    </Text>
  ) : (
    none
  );

function cell(s: Subject, key: string) {
  switch (key) {
    case 'name':
      return text(s.name);
    case 'email':
      return text(s.email);
    case 'department':
      return text(s.department);
    case 'jobTitle':
      return text(s.jobTitle);
    case 'risk':
      return (
        <Badge color={riskColor(s.activityRiskScore)} variant="light">
          {s.activityRiskScore}
        </Badge>
      );
    case 'alerts':
      return s.alertCount === 0 ? none : <Text size="sm">{s.alertCount}</Text>;
    default:
      return s.lastActivityAt ? <WhenText iso={s.lastActivityAt} /> : none;
  }
}

/** The dense subject list: j/k move, Enter or a click opens the profile. */
export function SubjectTable(props: {
  subjects: Subject[];
  sort: SubjectSortField;
  order: 'asc' | 'desc';
  onSort: (field: SubjectSortField) => void;
}) {
  const { subjects } = props;
  const navigate = useNavigate();
  const { rowProps } = useRowCursor(subjects);
  const open = (id: number) => void navigate({ to: '/subjects/$id', params: { id: String(id) } });
  return (
    <TableFrame minWidth={960}>
      <Table highlightOnHover stickyHeader stickyHeaderOffset={HEADER_HEIGHT} aria-label="Subjects">
        <Table.Thead>
          <Table.Tr>
            <SortHeaderCells
              columns={columns}
              sort={props.sort}
              order={props.order}
              onSort={props.onSort}
            />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {subjects.map((s, index) => (
            <Table.Tr key={s.id} {...rowProps(index, { open: () => open(s.id) })}>
              {columns.map((col) => (
                <Table.Td
                  key={col.key}
                  className={col.width === undefined ? 'cell-grow' : undefined}
                >
                  {cell(s, col.key)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

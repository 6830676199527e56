import { Table, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { IncidentRow } from '../../api.ts';
import { SortHeaderCells } from '../../components/SortHeader.tsx';
import { WhenText } from '../../components/WhenText.tsx';
import { useRowCursor } from '../../components/useRowCursor.ts';
import { SeverityBadge } from '../alerts/AlertBadges.tsx';
import { CoveringCases, SubjectNames } from './CoveringCases.tsx';
import { IncidentStatusBadge } from './IncidentStatusBadge.tsx';
import type { IncidentSortField } from './incidents-search.ts';
import { HEADER_HEIGHT, TableFrame } from '../../components/TableFrame.tsx';

interface Props {
  incidents: IncidentRow[];
  sort: IncidentSortField;
  order: 'asc' | 'desc';
  onSort: (field: IncidentSortField) => void;
}

const columns: { key: string; label: string; sort?: IncidentSortField; width?: number }[] = [
  { key: 'id', label: 'Id', width: 70 },
  { key: 'severity', label: 'Severity', sort: 'severity', width: 110 },
  { key: 'title', label: 'Title' },
  { key: 'status', label: 'Status', width: 100 },
  { key: 'subject', label: 'Subject', width: 160 },
  { key: 'assignee', label: 'Assignee', width: 130 },
  { key: 'alerts', label: 'Alerts', sort: 'alertCount', width: 80 },
  { key: 'first', label: 'First alert', width: 135 },
  { key: 'last', label: 'Last alert', sort: 'lastAlertAt', width: 135 },
  { key: 'cases', label: 'Cases', width: 100 },
];

const none = (
  <Text size="sm" c="dimmed">
    —
  </Text>
);

function cell(i: IncidentRow, key: string) {
  switch (key) {
    case 'id':
      return <Text size="sm">#{i.id}</Text>;
    case 'severity':
      return <SeverityBadge severity={i.severity} />;
    case 'title':
      return (
        <Text size="sm" truncate title={i.title}>
          {i.title}
        </Text>
      );
    case 'status':
      return <IncidentStatusBadge status={i.status} />;
    case 'subject':
      return <SubjectNames incident={i} />;
    case 'assignee':
      return i.assignee ? (
        <Text size="sm" truncate>
          {i.assignee.name}
        </Text>
      ) : (
        none
      );
    case 'alerts':
      return <Text size="sm">{i.alertCount}</Text>;
    case 'first':
      return <WhenText iso={i.firstAlertAt} />;
    case 'last':
      return <WhenText iso={i.lastAlertAt} />;
    default:
      return <CoveringCases cases={i.cases} />;
  }
}

/** The dense incident queue: j/k move, Enter or a click opens the incident. */
export function IncidentTable(props: Props) {
  const { incidents } = props;
  const navigate = useNavigate();
  const { rowProps } = useRowCursor(incidents);
  const open = (id: number) => void navigate({ to: '/incidents/$id', params: { id: String(id) } });

  return (
    <TableFrame minWidth={1000}>
      <Table
        highlightOnHover
        stickyHeader
        stickyHeaderOffset={HEADER_HEIGHT}
        aria-label="Incidents"
      >
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
          {incidents.map((i, index) => (
            <Table.Tr key={i.id} {...rowProps(index, { open: () => open(i.id) })}>
              {columns.map((col) => (
                <Table.Td
                  key={col.key}
                  className={col.width === undefined ? 'cell-grow' : undefined}
                >
                  {cell(i, col.key)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

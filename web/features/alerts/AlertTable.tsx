import { Anchor, Checkbox, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { Alert } from '../../api.ts';
import { SortHeader } from '../../components/SortHeader.tsx';
import { formatWhen } from '../../components/dates.ts';
import { AlertStatusBadge, SeverityBadge } from './AlertBadges.tsx';
import type { AlertSortField } from './alerts-search.ts';

interface Props {
  alerts: Alert[];
  sort: AlertSortField;
  order: 'asc' | 'desc';
  onSort: (field: AlertSortField) => void;
  selected: Set<number>;
  onSelect: (ids: number[], on: boolean) => void;
  selectable: boolean;
  onOpen: (id: number) => void;
}

const columns: { key: string; label: string; sort?: AlertSortField; width?: number }[] = [
  { key: 'severity', label: 'Severity', sort: 'severity', width: 110 },
  { key: 'title', label: 'Title' },
  { key: 'subject', label: 'Subject', width: 170 },
  { key: 'source', label: 'Source', width: 110 },
  { key: 'status', label: 'Status', width: 150 },
  { key: 'risk', label: 'Risk', sort: 'riskScore', width: 70 },
  { key: 'detected', label: 'Detected', sort: 'detectedAt', width: 140 },
  { key: 'incident', label: 'Incident', width: 90 },
];

function cell(a: Alert, key: string) {
  switch (key) {
    case 'severity':
      return <SeverityBadge severity={a.severity} />;
    case 'title':
      return (
        <Text size="sm" lineClamp={1} title={a.title}>
          {a.title}
        </Text>
      );
    case 'subject':
      return a.subject ? (
        <Text size="sm" lineClamp={1} title={a.subject.email}>
          {a.subject.name}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          —
        </Text>
      );
    case 'source':
      return <Text size="sm">{a.source}</Text>;
    case 'status':
      return <AlertStatusBadge status={a.status} />;
    case 'risk':
      return <Text size="sm">{a.riskScore}</Text>;
    case 'detected':
      return (
        <Text size="sm" title={a.detectedAt}>
          {formatWhen(a.detectedAt)}
        </Text>
      );
    default:
      return a.incidentId ? (
        <Anchor
          renderRoot={(props) => (
            <Link to="/incidents/$id" params={{ id: String(a.incidentId) }} {...props} />
          )}
          size="sm"
        >
          #{a.incidentId}
        </Anchor>
      ) : null;
  }
}

/** The dense alert queue: Enter or a click opens the alert, x selects it. */
export function AlertTable(props: Props) {
  const { alerts, selected, onSelect, selectable } = props;
  const allSelected = alerts.length > 0 && alerts.every((a) => selected.has(a.id));
  const someSelected = alerts.some((a) => selected.has(a.id));
  const ariaSort = (f?: AlertSortField) =>
    f && f === props.sort ? (props.order === 'asc' ? 'ascending' : 'descending') : undefined;

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover stickyHeader aria-label="Alerts">
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={32}>
                <Checkbox
                  size="xs"
                  aria-label="Select every alert on this page"
                  checked={allSelected}
                  indeterminate={someSelected && !allSelected}
                  onChange={(e) =>
                    onSelect(
                      alerts.map((a) => a.id),
                      e.currentTarget.checked,
                    )
                  }
                />
              </Table.Th>
            )}
            {columns.map((col) => (
              <Table.Th key={col.key} w={col.width} aria-sort={ariaSort(col.sort)}>
                <SortHeader
                  label={col.label}
                  sort={col.sort}
                  current={props.sort}
                  order={props.order}
                  onSort={props.onSort}
                />
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((a) => (
            <Table.Tr
              key={a.id}
              className="case-row"
              tabIndex={0}
              aria-selected={selected.has(a.id)}
              style={{ cursor: 'pointer' }}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('input,a,button')) return;
                props.onOpen(a.id);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') props.onOpen(a.id);
                if (e.key === 'x' && selectable) onSelect([a.id], !selected.has(a.id));
              }}
            >
              {selectable && (
                <Table.Td>
                  <Checkbox
                    size="xs"
                    tabIndex={-1}
                    aria-label={`Select alert ${a.id}`}
                    checked={selected.has(a.id)}
                    onChange={(e) => onSelect([a.id], e.currentTarget.checked)}
                  />
                </Table.Td>
              )}
              {columns.map((col) => (
                <Table.Td key={col.key}>{cell(a, col.key)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

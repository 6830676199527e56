import { Anchor, Checkbox, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { Alert } from '../../api.ts';
import { SortHeaderCells } from '../../components/SortHeader.tsx';
import { WhenText } from '../../components/WhenText.tsx';
import { useRowCursor } from '../../components/useRowCursor.ts';
import { useLiveMarks } from '../live/live-store.ts';
import { newMarkColumn, WithNewMark } from '../live/NewMark.tsx';
import { AlertStatusBadge, SeverityBadge } from './AlertBadges.tsx';
import { correlationText } from './correlation-text.ts';
import type { AlertSortField } from './alerts-search.ts';
import type { TriageAction } from './QuickTriage.tsx';
import { HEADER_HEIGHT, TableFrame } from '../../components/TableFrame.tsx';

interface Props {
  alerts: Alert[];
  sort: AlertSortField;
  order: 'asc' | 'desc';
  onSort: (field: AlertSortField) => void;
  /** False where the list has one order (newest first): no sort buttons. */
  sortable?: boolean;
  selected: Set<number>;
  onSelect: (ids: number[], on: boolean) => void;
  selectable: boolean;
  onOpen: (id: number) => void;
  /** Shift+C and Shift+D on a focused alert that needs review (see useQuickTriage). */
  onTriage?: ((alert: Alert, action: TriageAction) => void) | undefined;
  /** Keys of the columns to show, in order (see alertColumns). */
  shown?: readonly string[];
  /** Columns of the page the table is on, after the others (how an alert reaches a case...). */
  extra?: ReadonlyArray<ExtraColumn>;
  /** The table's accessible name. */
  label?: string;
}

export interface ExtraColumn {
  key: string;
  label: string;
  width?: number;
  render: (a: Alert) => React.ReactNode;
}

export const alertColumns: { key: string; label: string; sort?: AlertSortField; width?: number }[] =
  [
    { key: 'severity', label: 'Severity', sort: 'severity', width: 110 },
    { key: 'title', label: 'Title' },
    { key: 'subject', label: 'Subject', width: 170 },
    { key: 'source', label: 'Source', width: 110 },
    { key: 'status', label: 'Status', width: 150 },
    { key: 'risk', label: 'Risk', sort: 'riskScore', width: 70 },
    { key: 'detected', label: 'Detected', sort: 'detectedAt', width: 140 },
    { key: 'incident', label: 'Incident', width: 90 },
    { key: 'grouped', label: 'Grouped by', width: 200 },
    { key: 'received', label: 'Received', width: 140 },
    { key: 'externalId', label: 'External id', width: 160 },
  ];
export const defaultAlertColumnKeys = [
  'severity',
  'title',
  'subject',
  'source',
  'status',
  'risk',
  'detected',
  'incident',
];

function cell(a: Alert, key: string) {
  switch (key) {
    case 'severity':
      return <SeverityBadge severity={a.severity} />;
    case 'title':
      return (
        <Text size="sm" truncate title={a.title}>
          {a.title}
        </Text>
      );
    case 'subject':
      return a.subject ? (
        <Text size="sm" truncate title={a.subject.email}>
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
      return <WhenText iso={a.detectedAt} />;
    case 'received':
      return <WhenText iso={a.receivedAt} />;
    case 'grouped':
      return (
        <Text size="sm" truncate title={correlationText(a.correlation) ?? undefined}>
          {correlationText(a.correlation) ?? '—'}
        </Text>
      );
    case 'externalId':
      return (
        <Text size="sm" ff="monospace" truncate title={a.externalId}>
          {a.externalId}
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

/** The dense alert queue: j/k move, Enter or a click opens the alert, x selects it. */
export function AlertTable(props: Props) {
  const { alerts, selected, onSelect, selectable } = props;
  const { rowProps } = useRowCursor(alerts);
  const markOf = useLiveMarks('alert');
  const { onTriage } = props;
  const triageKeys = (a: Alert) =>
    onTriage && selectable && a.status === 'needs_review'
      ? { C: () => onTriage(a, 'confirm'), D: () => onTriage(a, 'dismiss') }
      : undefined;
  const columns = (props.shown ?? defaultAlertColumnKeys).flatMap((k) =>
    alertColumns
      .filter((c) => c.key === k)
      .map((c) => (props.sortable === false ? { ...c, sort: undefined } : c)),
  );
  const extra = props.extra ?? [];
  const badgeAt = newMarkColumn(columns);
  const allSelected = alerts.length > 0 && alerts.every((a) => selected.has(a.id));
  const someSelected = alerts.some((a) => selected.has(a.id));

  return (
    <TableFrame minWidth={900}>
      <Table
        highlightOnHover
        stickyHeader
        stickyHeaderOffset={HEADER_HEIGHT}
        aria-label={props.label ?? 'Alerts'}
      >
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
            <SortHeaderCells
              columns={columns}
              sort={props.sort}
              order={props.order}
              onSort={props.onSort}
            />
            {extra.map((c) => (
              <Table.Th key={c.key} w={c.width}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((a, i) => (
            <Table.Tr
              key={a.id}
              {...rowProps(i, {
                open: () => props.onOpen(a.id),
                toggle: selectable ? () => onSelect([a.id], !selected.has(a.id)) : undefined,
                keys: triageKeys(a),
              })}
              aria-selected={selected.has(a.id)}
              data-live={markOf(a.id)}
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
              {columns.map((col, j) => (
                <Table.Td
                  key={col.key}
                  className={col.width === undefined ? 'cell-grow' : undefined}
                >
                  <WithNewMark isNew={j === badgeAt && markOf(a.id) === 'new'}>
                    {cell(a, col.key)}
                  </WithNewMark>
                </Table.Td>
              ))}
              {extra.map((c) => (
                <Table.Td key={c.key}>{c.render(a)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

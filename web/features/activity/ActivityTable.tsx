import { Anchor, Checkbox, Group, Table, Text, Tooltip } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ActivityListItem } from '../../api.ts';
import { SortHeaderCells } from '../../components/SortHeader.tsx';
import { TableFrame } from '../../components/TableFrame.tsx';
import { WhenText } from '../../components/WhenText.tsx';
import { categoryColors } from './activity-search.ts';

type Sort = 'occurredAt' | 'riskScore';

export const activityColumns: Array<{ key: string; label: string; sort?: Sort; width?: number }> = [
  { key: 'date', label: 'Date', sort: 'occurredAt', width: 150 },
  { key: 'category', label: 'Category', width: 120 },
  { key: 'type', label: 'Activity type', width: 160 },
  { key: 'object', label: 'Object' },
  { key: 'label', label: 'Sensitivity label', width: 150 },
  { key: 'risk', label: 'Risk', sort: 'riskScore', width: 220 },
  { key: 'sequence', label: 'Sequence', width: 110 },
  { key: 'alert', label: 'Alert', width: 80 },
  { key: 'reviewed', label: 'Reviewed', width: 150 },
];
export const defaultActivityColumnKeys = [
  'date',
  'category',
  'type',
  'object',
  'label',
  'risk',
  'sequence',
  'alert',
  'reviewed',
];

function cell(key: string, e: ActivityListItem) {
  switch (key) {
    case 'date':
      return <WhenText iso={e.occurredAt} size="xs" />;
    case 'category':
      return (
        <Group gap={6} wrap="nowrap">
          <span className="legend-dot" style={{ background: categoryColors[e.category] }} />
          <Text size="sm">{e.category}</Text>
        </Group>
      );
    case 'type':
      return e.activityType;
    case 'object':
      return (
        <Text size="sm" truncate="end" maw={320}>
          {e.objectName ?? '—'}
        </Text>
      );
    case 'label':
      return e.sensitivityLabel ?? '—';
    case 'risk':
      return (
        <Group gap={4} wrap="nowrap">
          <Text size="sm" fw={600} w={28}>
            {e.riskScore}
          </Text>
          <Text size="xs" c="dimmed" truncate="end" maw={180}>
            {e.indicators.map((i) => `${i.name} (${i.score})`).join(', ')}
          </Text>
        </Group>
      );
    case 'sequence':
      return e.sequenceId ?? '—';
    case 'alert':
      return e.alertId === null ? (
        '—'
      ) : (
        <Anchor
          size="sm"
          onClick={(ev: React.MouseEvent) => ev.stopPropagation()}
          renderRoot={(props) => (
            <Link to="/alerts" search={{ alert: e.alertId ?? undefined }} {...props} />
          )}
        >
          #{e.alertId}
        </Anchor>
      );
    case 'reviewed':
      return e.reviewedBy ? (
        <Tooltip label={`Reviewed ${e.reviewedAt ?? ''}`}>
          <Text size="xs">{e.reviewedBy.name}</Text>
        </Tooltip>
      ) : (
        <Text size="xs" c="dimmed">
          not reviewed
        </Text>
      );
    default:
      return null;
  }
}

/** The explorer's dense table: one row per event, a click opens its detail. */
export function ActivityTable(props: {
  events: ActivityListItem[];
  shown: readonly string[];
  sort: Sort;
  order: 'asc' | 'desc';
  onSort: (sort: Sort) => void;
  selected: Set<number>;
  onSelect: (ids: number[], on: boolean) => void;
  selectable: boolean;
  openId: number | undefined;
  onOpen: (id: number) => void;
}) {
  const columns = props.shown
    .map((k) => activityColumns.find((c) => c.key === k))
    .filter((c) => c !== undefined);
  const allOn = props.events.length > 0 && props.events.every((e) => props.selected.has(e.id));
  return (
    <TableFrame minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing={4} aria-label="Activity events">
        <Table.Thead>
          <Table.Tr>
            {props.selectable && (
              <Table.Th w={36}>
                <Checkbox
                  size="xs"
                  aria-label="Select every event of the page"
                  checked={allOn}
                  onChange={(ev) =>
                    props.onSelect(
                      props.events.map((e) => e.id),
                      ev.currentTarget.checked,
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
          {props.events.map((e) => (
            <Table.Tr
              key={e.id}
              onClick={() => props.onOpen(e.id)}
              style={{ cursor: 'pointer' }}
              aria-selected={props.openId === e.id}
              bg={props.openId === e.id ? 'var(--mantine-color-blue-light)' : undefined}
            >
              {props.selectable && (
                <Table.Td onClick={(ev) => ev.stopPropagation()}>
                  <Checkbox
                    size="xs"
                    aria-label={`Select event ${e.id}`}
                    checked={props.selected.has(e.id)}
                    onChange={(ev) => props.onSelect([e.id], ev.currentTarget.checked)}
                  />
                </Table.Td>
              )}
              {columns.map((c) => (
                <Table.Td key={c.key}>
                  {c.key === 'type' ? (
                    <Anchor
                      component="button"
                      size="sm"
                      onClick={(ev: React.MouseEvent) => {
                        ev.stopPropagation();
                        props.onOpen(e.id);
                      }}
                    >
                      {e.activityType}
                    </Anchor>
                  ) : (
                    cell(c.key, e)
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

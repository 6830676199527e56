import { shownColumnKeys } from '../../components/ColumnPicker.tsx';
import { Anchor, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { Case } from '../../api.ts';
import { PriorityBadge, StatusBadge } from '../../components/Badges.tsx';
import { isOverdue } from '../../components/dates.ts';
import { WhenText } from '../../components/WhenText.tsx';
import type { SortField } from './dashboard-search.ts';

export interface Column {
  key: string;
  label: string;
  sort?: SortField;
  width?: number;
  render: (
    c: Case,
    ctx: { statusColor: (id: number) => string | undefined; now: number },
  ) => ReactNode;
}

const who = (ref: { name: string } | null) =>
  ref ? (
    ref.name
  ) : (
    <Text span c="dimmed" size="sm">
      —
    </Text>
  );

export const columns: Column[] = [
  {
    key: 'number',
    label: 'Number',
    sort: 'number',
    width: 80,
    render: (c) => (
      <Anchor
        size="sm"
        tabIndex={-1}
        renderRoot={(props) => (
          <Link to="/cases/$number" params={{ number: String(c.number) }} {...props} />
        )}
      >
        #{c.number}
      </Anchor>
    ),
  },
  {
    key: 'title',
    label: 'Title',
    render: (c) => (
      <Text size="sm" truncate title={c.title}>
        {c.title}
      </Text>
    ),
  },
  {
    key: 'status',
    label: 'Status',
    width: 100,
    render: (c, { statusColor }) => (
      <StatusBadge status={c.status} color={statusColor(c.status.id)} />
    ),
  },
  {
    key: 'priority',
    label: 'Priority',
    sort: 'priority',
    width: 95,
    render: (c) => <PriorityBadge priority={c.priority} />,
  },
  {
    key: 'subject',
    label: 'Subject',
    width: 150,
    render: (c) =>
      c.subject ? (
        <Text size="sm" truncate title={c.subject.email}>
          {c.subject.name}
        </Text>
      ) : (
        who(null)
      ),
  },
  { key: 'assignee', label: 'Assignee', width: 130, render: (c) => who(c.assignee) },
  {
    key: 'alerts',
    label: 'Alerts',
    width: 70,
    render: (c) => (c.alertCount === 0 ? who(null) : c.alertCount),
  },
  {
    key: 'tasks',
    label: 'Open tasks',
    width: 90,
    render: (c) =>
      c.taskCounts.total === 0 ? '—' : `${c.taskCounts.open} / ${c.taskCounts.total}`,
  },
  {
    key: 'opened',
    label: 'Opened',
    sort: 'createdAt',
    width: 110,
    render: (c) => <WhenText iso={c.createdAt} day />,
  },
  {
    key: 'updated',
    label: 'Last updated',
    sort: 'updatedAt',
    width: 120,
    render: (c) => <WhenText iso={c.updatedAt} />,
  },
  { key: 'updatedBy', label: 'Updated by', width: 140, render: (c) => who(c.updatedBy) },
  {
    key: 'due',
    label: 'Due',
    sort: 'dueAt',
    width: 105,
    render: (c, { now }) =>
      c.dueAt === null ? (
        who(null)
      ) : isOverdue(c.dueAt, c.status.category === 'closed', now) ? (
        <WhenText iso={c.dueAt} day className="overdue">
          {' · overdue'}
        </WhenText>
      ) : (
        <WhenText iso={c.dueAt} day />
      ),
  },
];

export const defaultColumnKeys = [
  'number',
  'title',
  'subject',
  'status',
  'priority',
  'assignee',
  'alerts',
  'tasks',
  'updated',
  'updatedBy',
  'due',
  'opened',
];

export function pickColumns(cols: string | undefined): Column[] {
  return shownColumnKeys(cols, columns, defaultColumnKeys).map((k) =>
    columns.find((c) => c.key === k)!,
  );
}

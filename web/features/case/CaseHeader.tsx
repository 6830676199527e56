import { Badge, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCircleCheck, IconRotateClockwise } from '@tabler/icons-react';
import { useState } from 'react';
import type { Case } from '../../api.ts';
import { PriorityBadge, StatusBadge } from '../../components/Badges.tsx';
import { dayOf, dueFromDay, formatDate, isOverdue } from '../../components/dates.ts';
import { classificationLabels, priorityOptions } from '../../components/labels.ts';
import type { Access } from '../session/useMe.ts';
import { useAccountOptions, useStatuses } from '../session/useWorkspaceData.ts';
import { ReopenDialog, ResolveDialog } from './ResolveDialog.tsx';
import { useUpdateCase } from './useCase.ts';

/** Number, title, state, and (for those who may manage the case) the toolbar. */
export function CaseHeader({ c, access }: { c: Case; access: Access }) {
  const update = useUpdateCase(c);
  const statuses = useStatuses();
  const accounts = useAccountOptions({ assignable: true });
  const [dialog, setDialog] = useState<'resolve' | 'reopen' | null>(null);
  const closed = c.status.category === 'closed';
  const color = statuses.data?.items.find((s) => s.id === c.status.id)?.color;
  const overdue = isOverdue(c.dueAt, closed);
  const statusOptions = (statuses.data?.items ?? [])
    .filter((s) => !s.retired || s.id === c.status.id)
    .filter((s) => s.category !== 'closed' || s.id === c.status.id)
    .map((s) => ({ value: String(s.id), label: s.name }));

  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="nowrap" align="baseline">
        <Text c="dimmed" fw={600} size="lg">
          #{c.number}
        </Text>
        <Title order={1} size="h3" style={{ wordBreak: 'break-word' }}>
          {c.title}
        </Title>
      </Group>
      {c.subject && (
        <Text size="sm">
          Subject: <b>{c.subject.name}</b>{' '}
          <Text span c="dimmed" size="sm">
            {c.subject.email}
          </Text>
        </Text>
      )}
      {c.resolution && (
        <Text size="sm">
          Resolved as <b>{classificationLabels[c.resolution.classification]}</b>
          {c.resolution.resolvedBy ? ` by ${c.resolution.resolvedBy.name}` : ''} on{' '}
          {formatDate(c.resolution.resolvedAt)}
        </Text>
      )}
      {access.canManageCases ? (
        <Group gap="xs" align="flex-end">
          <Select
            label="Status"
            data={statusOptions}
            value={String(c.status.id)}
            w={140}
            allowDeselect={false}
            disabled={update.isPending || closed}
            onChange={(v) =>
              v && Number(v) !== c.status.id && update.mutate({ statusId: Number(v) })
            }
          />
          <Select
            label="Priority"
            data={priorityOptions}
            value={c.priority}
            w={120}
            allowDeselect={false}
            disabled={update.isPending}
            onChange={(v) => v && v !== c.priority && update.mutate({ priority: v })}
          />
          <Select
            label="Assignee"
            placeholder="Unassigned"
            data={accounts}
            value={c.assignee ? String(c.assignee.id) : null}
            w={170}
            searchable
            clearable
            disabled={update.isPending}
            onChange={(v) => update.mutate({ assigneeId: v ? Number(v) : null })}
          />
          <DatePickerInput
            size="xs"
            label="Due date"
            placeholder="None"
            clearable
            w={140}
            value={dayOf(c.dueAt)}
            disabled={update.isPending}
            onChange={(v) => update.mutate({ dueAt: dueFromDay(v) })}
            error={overdue ? 'Overdue' : undefined}
          />
          {closed ? (
            <Button
              variant="default"
              leftSection={<IconRotateClockwise size={14} />}
              onClick={() => setDialog('reopen')}
            >
              Reopen
            </Button>
          ) : (
            <Button
              leftSection={<IconCircleCheck size={14} />}
              onClick={() => setDialog('resolve')}
            >
              Resolve
            </Button>
          )}
        </Group>
      ) : (
        <Group gap="sm">
          <StatusBadge status={c.status} color={color} />
          <PriorityBadge priority={c.priority} />
          <Text size="sm">Assignee: {c.assignee?.name ?? 'Unassigned'}</Text>
          <Text size="sm" className={overdue ? 'overdue' : undefined}>
            Due: {c.dueAt ? formatDate(c.dueAt) : 'None'}
            {overdue && ' · overdue'}
          </Text>
          {!access.isMember && (
            <Badge variant="outline" color="gray" size="sm">
              Contributor: view and comment
            </Badge>
          )}
        </Group>
      )}
      {dialog === 'resolve' && <ResolveDialog c={c} onClose={() => setDialog(null)} />}
      {dialog === 'reopen' && <ReopenDialog c={c} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

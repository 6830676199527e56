import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCircleCheck, IconRotateClockwise } from '@tabler/icons-react';
import { useState } from 'react';
import type { CaseDetail } from '../../api.ts';
import { PriorityBadge, StatusBadge } from '../../components/Badges.tsx';
import { dayOf, dueFromDay, formatDay, isOverdue } from '../../components/dates.ts';
import { classificationLabels, priorityOptions } from '../../components/labels.ts';
import { useAccountOptions, useStatuses } from '../session/useWorkspaceData.ts';
import { SubjectSelect } from '../subjects/SubjectSelect.tsx';
import { CaseTags } from './CaseTags.tsx';
import { CaseTitle } from './CaseTitle.tsx';
import { ReopenDialog, ResolveDialog } from './ResolveDialog.tsx';
import { useUpdateCase } from './useCase.ts';

/**
 * Number, title, tags and state; for those the server lets edit the case, the title and tags
 * edit in place and the toolbar changes the rest. `isMember`: the caller has workspace-wide
 * case access (otherwise it is one of the case's contributors).
 */
export function CaseHeader({ c, isMember }: { c: CaseDetail; isMember: boolean }) {
  const update = useUpdateCase(c);
  const statuses = useStatuses();
  const accounts = useAccountOptions('work', [c.assignee]);
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
      <CaseTitle c={c} />
      {c.subject && (
        <Text size="sm">
          Subject: <b>{c.subject.name}</b>{' '}
          <Text span c="dimmed" size="sm">
            {c.subject.email}
          </Text>
        </Text>
      )}
      <CaseTags c={c} />
      {c.resolution && (
        <Text size="sm">
          Resolved as <b>{classificationLabels[c.resolution.classification]}</b>
          {c.resolution.resolvedBy ? ` by ${c.resolution.resolvedBy.name}` : ''} on{' '}
          {formatDay(c.resolution.resolvedAt)}
        </Text>
      )}
      {c.access.canEdit ? (
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
          <SubjectSelect
            value={c.subject?.id}
            placeholder="None"
            w={190}
            disabled={update.isPending}
            onChange={(id) => {
              if ((id ?? null) !== (c.subject?.id ?? null))
                update.mutate({ subjectId: id ?? null });
            }}
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
            Due: {c.dueAt ? formatDay(c.dueAt) : 'None'}
            {overdue && ' · overdue'}
          </Text>
          {!isMember && (
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

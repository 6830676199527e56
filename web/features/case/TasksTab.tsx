import {
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useState } from 'react';
import type { Task, TaskStatus } from '../../api.ts';
import { PriorityBadge } from '../../components/Badges.tsx';
import { dayOf, dueFromDay, formatDay, isOverdue } from '../../components/dates.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import {
  isOpenTask,
  priorityOptions,
  taskStatusLabels,
  taskStatusOptions,
} from '../../components/labels.ts';
import { useAccountOptions } from '../session/useWorkspaceData.ts';
import { NewTaskForm } from './NewTaskForm.tsx';
import { TaskText } from './TaskText.tsx';
import { useTaskMutations, useTasks } from './useTasks.ts';

function CloseTaskDialog({
  task,
  status,
  onDone,
  number,
}: {
  task: Task;
  status: TaskStatus;
  onDone: () => void;
  number: number;
}) {
  const { update } = useTaskMutations(number);
  const [note, setNote] = useState(task.closingNote ?? '');
  return (
    <Modal opened onClose={onDone} title={`${taskStatusLabels[status]}: ${task.title}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate(
            { task, patch: { status, closingNote: note.trim() ? note : null } },
            { onSuccess: onDone },
          );
        }}
      >
        <Stack gap="sm">
          <Textarea
            label="Closing note"
            description="What was found or done; optional"
            data-autofocus
            autosize
            minRows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Mark {taskStatusLabels[status].toLowerCase()}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function TaskRow({ task, number, canManage }: { task: Task; number: number; canManage: boolean }) {
  const { update } = useTaskMutations(number);
  const accounts = useAccountOptions('work', [task.owner]);
  const [closing, setClosing] = useState<TaskStatus | null>(null);
  const open = isOpenTask(task.status);
  const overdue = open && isOverdue(task.dueAt, false);
  const patch = (p: Parameters<typeof update.mutate>[0]['patch']) =>
    update.mutate({ task, patch: p });
  return (
    <Table.Tr>
      <Table.Td w={160}>
        {canManage ? (
          <Select
            aria-label={`Status of task ${task.title}`}
            data={taskStatusOptions}
            value={task.status}
            allowDeselect={false}
            onChange={(v) => {
              if (!v || v === task.status) return;
              if (isOpenTask(v)) patch({ status: v });
              else setClosing(v);
            }}
          />
        ) : (
          taskStatusLabels[task.status]
        )}
        {closing && (
          <CloseTaskDialog
            task={task}
            status={closing}
            number={number}
            onDone={() => setClosing(null)}
          />
        )}
      </Table.Td>
      <Table.Td>
        <TaskText task={task} number={number} canManage={canManage} />
      </Table.Td>
      <Table.Td w={120}>
        {canManage ? (
          <Select
            aria-label={`Priority of task ${task.title}`}
            data={priorityOptions}
            value={task.priority}
            allowDeselect={false}
            onChange={(v) => v && v !== task.priority && patch({ priority: v })}
          />
        ) : (
          <PriorityBadge priority={task.priority} />
        )}
      </Table.Td>
      <Table.Td w={160}>
        {canManage ? (
          <Select
            aria-label={`Owner of task ${task.title}`}
            placeholder="Nobody"
            data={accounts}
            value={task.owner ? String(task.owner.id) : null}
            clearable
            searchable
            onChange={(v) => patch({ ownerId: v ? Number(v) : null })}
          />
        ) : (
          (task.owner?.name ?? '—')
        )}
      </Table.Td>
      <Table.Td w={140} className={overdue ? 'overdue' : undefined}>
        {canManage ? (
          <DatePickerInput
            size="xs"
            aria-label={`Due date of task ${task.title}: ${task.dueAt ? formatDay(task.dueAt) : 'none'}`}
            placeholder="None"
            clearable
            value={dayOf(task.dueAt)}
            onChange={(v) => patch({ dueAt: dueFromDay(v) })}
            error={overdue ? 'Overdue' : undefined}
          />
        ) : task.dueAt ? (
          `${formatDay(task.dueAt)}${overdue ? ' · overdue' : ''}`
        ) : (
          '—'
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function TasksTab({ number, canManage }: { number: number; canManage: boolean }) {
  const tasks = useTasks(number);
  return (
    <Stack gap="sm">
      {canManage && <NewTaskForm number={number} />}
      <Paper withBorder>
        {tasks.isPending ? (
          <Group justify="center" py="lg">
            <Loader size="sm" />
            <Text c="dimmed">Loading tasks…</Text>
          </Group>
        ) : tasks.isError ? (
          <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : tasks.data.items.length === 0 ? (
          <EmptyState title="No tasks">
            {canManage
              ? 'Add the first step of the investigation above.'
              : 'Nobody has added a task to this case.'}
          </EmptyState>
        ) : (
          <Table aria-label="Tasks">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Status</Table.Th>
                <Table.Th>Title</Table.Th>
                <Table.Th>Priority</Table.Th>
                <Table.Th>Owner</Table.Th>
                <Table.Th>Due</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tasks.data.items.map((t) => (
                <TaskRow key={t.id} task={t} number={number} canManage={canManage} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}

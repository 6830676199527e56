import dayjs from 'dayjs';
import {
  ActionIcon,
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
  TextInput,
  Tooltip,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCheck, IconPencil, IconPlus, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Priority, Task, TaskStatus } from '../../api.ts';
import { PriorityBadge } from '../../components/Badges.tsx';
import { dayOf, dueFromDay, formatDate, isOverdue } from '../../components/dates.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import {
  isOpenTask,
  priorityOptions,
  taskStatusLabels,
  taskStatusOptions,
} from '../../components/labels.ts';
import { useAccountOptions } from '../session/useWorkspaceData.ts';
import { useTaskMutations, useTasks } from './useTasks.ts';

function NewTaskForm({ number }: { number: number }) {
  const { create } = useTaskMutations(number);
  const accounts = useAccountOptions({ assignable: true });
  const [title, setTitle] = useState('');
  const [priority, setPriority] = useState<Priority>('medium');
  const [owner, setOwner] = useState<string | null>(null);
  const [due, setDue] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { title, priority, ownerId: owner ? Number(owner) : null, dueAt: dueFromDay(due) },
      {
        onSuccess: () => {
          setTitle('');
          setDue(null);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label="New task">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label="New task"
          placeholder="What needs doing"
          style={{ flex: 1 }}
          maxLength={300}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={create.isError ? create.error.message : undefined}
        />
        <Select
          label="Priority"
          data={priorityOptions}
          value={priority}
          w={110}
          allowDeselect={false}
          onChange={(v) => v && setPriority(v)}
        />
        <Select
          label="Owner"
          placeholder="Nobody"
          data={accounts}
          value={owner}
          w={150}
          clearable
          searchable
          onChange={setOwner}
        />
        <DatePickerInput
          size="xs"
          label="Due"
          placeholder="None"
          clearable
          w={120}
          value={due}
          onChange={setDue}
        />
        <Button
          type="submit"
          leftSection={<IconPlus size={14} />}
          loading={create.isPending}
          disabled={!title.trim()}
        >
          Add task
        </Button>
      </Group>
    </form>
  );
}

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
  const accounts = useAccountOptions({ assignable: true });
  const [closing, setClosing] = useState<TaskStatus | null>(null);
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(task.title);
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
        {editing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              update.mutate({ task, patch: { title } }, { onSuccess: () => setEditing(false) });
            }}
          >
            <Group gap={4} wrap="nowrap">
              <TextInput
                aria-label="Task title"
                value={title}
                data-autofocus
                autoFocus
                style={{ flex: 1 }}
                onChange={(e) => setTitle(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
              />
              <ActionIcon
                type="submit"
                variant="subtle"
                aria-label="Save title"
                disabled={!title.trim()}
              >
                <IconCheck size={14} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label="Cancel"
                onClick={() => setEditing(false)}
              >
                <IconX size={14} />
              </ActionIcon>
            </Group>
          </form>
        ) : (
          <Group gap={4} wrap="nowrap" justify="space-between">
            <div>
              <Text
                size="sm"
                td={open ? undefined : 'line-through'}
                c={open ? undefined : 'dimmed'}
                style={{ wordBreak: 'break-word' }}
              >
                {task.title}
              </Text>
              {task.closingNote && (
                <Text size="xs" c="dimmed">
                  Closing note: {task.closingNote}
                </Text>
              )}
            </div>
            {canManage && (
              <Tooltip label="Rename">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={`Rename task ${task.title}`}
                  onClick={() => {
                    setTitle(task.title);
                    setEditing(true);
                  }}
                >
                  <IconPencil size={14} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        )}
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
            aria-label={`Due date of task ${task.title}: ${task.dueAt ? dayjs(task.dueAt).format('MMM D, YYYY') : 'none'}`}
            valueFormat="MMM D, YYYY"
            placeholder="None"
            clearable
            value={dayOf(task.dueAt)}
            onChange={(v) => patch({ dueAt: dueFromDay(v) })}
            error={overdue ? 'Overdue' : undefined}
          />
        ) : task.dueAt ? (
          `${formatDate(task.dueAt)}${overdue ? ' · overdue' : ''}`
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

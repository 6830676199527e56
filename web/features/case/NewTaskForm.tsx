import { Button, Group, Select, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Priority } from '../../api.ts';
import { dueFromDay } from '../../components/dates.ts';
import { priorityOptions } from '../../components/labels.ts';
import { useAccountOptions } from '../session/useWorkspaceData.ts';
import { useTaskMutations } from './useTasks.ts';

const DEFAULT_PRIORITY: Priority = 'medium';

/** Adds a task; after each one the form starts over (title, priority, owner, due date). */
export function NewTaskForm({ number }: { number: number }) {
  const { create } = useTaskMutations(number);
  const accounts = useAccountOptions('work');
  const [title, setTitle] = useState('');
  const [priority, setPriority] = useState<Priority>(DEFAULT_PRIORITY);
  const [owner, setOwner] = useState<string | null>(null);
  const [due, setDue] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { title, priority, ownerId: owner ? Number(owner) : null, dueAt: dueFromDay(due) },
      {
        onSuccess: () => {
          setTitle('');
          setPriority(DEFAULT_PRIORITY);
          setOwner(null);
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

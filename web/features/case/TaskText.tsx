import {
  ActionIcon,
  Button,
  Group,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Task } from '../../api.ts';
import { isOpenTask } from '../../components/labels.ts';
import { useTaskMutations } from './useTasks.ts';

/**
 * Title, description and (once the task is closed, or when it has one) closing note, edited
 * together in place: Save or Enter in the title (Ctrl+Enter in the others) keeps them, Cancel
 * or Escape leaves them. Only the fields that changed are sent.
 */
function TaskTextEditor({
  task,
  number,
  onClose,
}: {
  task: Task;
  number: number;
  onClose: () => void;
}) {
  const { update } = useTaskMutations(number);
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description);
  const [note, setNote] = useState(task.closingNote ?? '');
  const withNote = !isOpenTask(task.status) || task.closingNote !== null;
  const save = (e?: FormEvent) => {
    e?.preventDefault();
    if (!title.trim() || update.isPending) return;
    const nextNote = note.trim() ? note : null;
    const patch = {
      ...(title.trim() !== task.title && { title: title.trim() }),
      ...(description !== task.description && { description }),
      ...(withNote && nextNote !== task.closingNote && { closingNote: nextNote }),
    };
    if (Object.keys(patch).length === 0) onClose();
    else update.mutate({ task, patch }, { onSuccess: onClose });
  };
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save(e);
  };
  return (
    <form onSubmit={save} aria-label={`Edit task ${task.title}`}>
      <Stack gap={6}>
        <TextInput
          label="Title"
          value={title}
          maxLength={300}
          autoFocus
          error={title.trim() ? undefined : 'Give the task a title'}
          onChange={(e) => setTitle(e.currentTarget.value)}
          onKeyDown={keys}
        />
        <Textarea
          label="Description"
          value={description}
          maxLength={20_000}
          autosize
          minRows={2}
          maxRows={10}
          onChange={(e) => setDescription(e.currentTarget.value)}
          onKeyDown={keys}
        />
        {withNote && (
          <Textarea
            label="Closing note"
            value={note}
            maxLength={5_000}
            autosize
            minRows={2}
            maxRows={8}
            onChange={(e) => setNote(e.currentTarget.value)}
            onKeyDown={keys}
          />
        )}
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button size="xs" type="submit" loading={update.isPending} disabled={!title.trim()}>
            Save task
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The task's title, description and closing note; editable in place by those who may. */
export function TaskText({
  task,
  number,
  canManage,
}: {
  task: Task;
  number: number;
  canManage: boolean;
}) {
  const [editing, setEditing] = useState(false);
  if (editing)
    return <TaskTextEditor task={task} number={number} onClose={() => setEditing(false)} />;
  const open = isOpenTask(task.status);
  return (
    <Group gap={4} wrap="nowrap" justify="space-between" align="flex-start">
      <div style={{ minWidth: 0 }}>
        <Text
          size="sm"
          td={open ? undefined : 'line-through'}
          c={open ? undefined : 'dimmed'}
          style={{ wordBreak: 'break-word' }}
        >
          {task.title}
        </Text>
        {task.description && (
          <Text size="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {task.description}
          </Text>
        )}
        {task.closingNote && (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            Closing note: {task.closingNote}
          </Text>
        )}
      </div>
      {canManage && (
        <Tooltip label="Edit title, description and closing note">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={`Edit task ${task.title}`}
            onClick={() => setEditing(true)}
          >
            <IconPencil size={14} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

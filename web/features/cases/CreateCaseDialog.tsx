import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, type Priority } from '../../api.ts';
import { dueFromDay } from '../../components/dates.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { priorityOptions } from '../../components/labels.ts';
import { useAccountOptions } from '../session/useWorkspaceData.ts';
import { casesKey } from '../../query-keys.ts';

/** Open a case: title, description, priority, assignee, due date; then go to it. */
export function CreateCaseDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const accounts = useAccountOptions('work');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<Priority>('medium');
  const [assignee, setAssignee] = useState<string | null>(null);
  const [due, setDue] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: api.createCase,
    onSuccess: async (c) => {
      await queryClient.invalidateQueries({ queryKey: casesKey });
      notifications.show({ color: 'green', message: `Case #${c.number} opened` });
      onClose();
      await navigate({ to: '/cases/$number', params: { number: String(c.number) } });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      title,
      description,
      priority,
      assigneeId: assignee ? Number(assignee) : null,
      dueAt: dueFromDay(due),
    });
  };
  return (
    <Modal opened={opened} onClose={onClose} title="New case" size="lg">
      <form onSubmit={submit}>
        <Stack gap="sm">
          {create.isError && <ErrorState error={create.error} title="The case was not opened" />}
          <TextInput
            label="Title"
            required
            data-autofocus
            maxLength={300}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Textarea
            label="Description"
            autosize
            minRows={3}
            maxRows={10}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Group grow>
            <Select
              label="Priority"
              data={priorityOptions}
              value={priority}
              allowDeselect={false}
              onChange={(v) => v && setPriority(v)}
            />
            <Select
              label="Assignee"
              placeholder="Unassigned"
              data={accounts}
              value={assignee}
              searchable
              clearable
              onChange={setAssignee}
            />
            <DatePickerInput
              size="xs"
              label="Due date"
              placeholder="None"
              clearable
              value={due}
              onChange={(v) => setDue(v)}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!title.trim()}>
              Open case
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

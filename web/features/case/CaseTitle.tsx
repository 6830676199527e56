import { ActionIcon, Button, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import type { CaseDetail } from '../../api.ts';
import { EditRefusal } from './EditRefusal.tsx';
import { useCaseEdit } from './useCase.ts';

/** The title edited in place: Enter or Save keeps it, Escape or Cancel leaves it. */
function TitleEditor({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const edit = useCaseEdit(c);
  const [draft, setDraft] = useState(c.title);
  const blank = draft.trim() === '';
  const save = () => {
    if (blank || edit.isPending) return;
    if (draft.trim() === c.title) onClose();
    else edit.mutate({ title: draft.trim() }, { onSuccess: onClose });
  };
  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label={`Title of case #${c.number}`}
          value={draft}
          maxLength={300}
          style={{ flex: 1, maxWidth: 760 }}
          autoFocus
          error={blank ? 'Give the case a title' : undefined}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              save();
            }
            if (e.key === 'Escape') onClose();
          }}
        />
        <Button loading={edit.isPending} disabled={blank} onClick={save}>
          Save title
        </Button>
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
      </Group>
      {edit.isError && <EditRefusal error={edit.error} onShowCurrent={onClose} />}
    </Stack>
  );
}

/** Number and title; those who may edit the case rename it in place. */
export function CaseTitle({ c }: { c: CaseDetail }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <TitleEditor c={c} onClose={() => setEditing(false)} />;
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Text c="dimmed" fw={600} size="lg">
        #{c.number}
      </Text>
      <Title order={1} size="h3" style={{ wordBreak: 'break-word' }}>
        {c.title}
      </Title>
      {c.access.canEdit && (
        <Tooltip label="Edit title">
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label="Edit title"
            onClick={() => setEditing(true)}
          >
            <IconPencil size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

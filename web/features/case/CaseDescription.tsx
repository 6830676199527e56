import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import type { CaseDetail } from '../../api.ts';
import { EditRefusal } from './EditRefusal.tsx';
import { Markdown } from './Markdown.tsx';
import { useCaseEdit } from './useCase.ts';

/** The description in Markdown, saved only by Save (or Ctrl+Enter): Cancel leaves it as it was. */
function DescriptionEditor({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const edit = useCaseEdit(c);
  const [draft, setDraft] = useState(c.description);
  const save = () => {
    if (edit.isPending) return;
    if (draft === c.description) onClose();
    else edit.mutate({ description: draft }, { onSuccess: onClose });
  };
  return (
    <Stack gap="xs">
      <Textarea
        aria-label="Description"
        description="Markdown: **bold**, lists, links, tables. Ctrl+Enter saves."
        value={draft}
        maxLength={50_000}
        autosize
        minRows={6}
        maxRows={24}
        autoFocus
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          }
        }}
      />
      {edit.isError && <EditRefusal error={edit.error} onShowCurrent={onClose} />}
      <Group gap="xs" justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button loading={edit.isPending} onClick={save}>
          Save description
        </Button>
      </Group>
    </Stack>
  );
}

/** The case description, rendered through the sanitising Markdown renderer; editable in place. */
export function CaseDescription({ c }: { c: CaseDetail }) {
  const [editing, setEditing] = useState(false);
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Title order={2} size="h5">
          Description
        </Title>
        {c.access.canEdit && !editing && (
          <Button
            size="compact-sm"
            variant="subtle"
            color="gray"
            leftSection={<IconPencil size={14} />}
            aria-label="Edit description"
            onClick={() => setEditing(true)}
          >
            Edit
          </Button>
        )}
      </Group>
      {editing ? (
        <DescriptionEditor c={c} onClose={() => setEditing(false)} />
      ) : c.description.trim() ? (
        <Markdown source={c.description} />
      ) : (
        <Text size="sm" c="dimmed">
          No description.
        </Text>
      )}
    </Paper>
  );
}

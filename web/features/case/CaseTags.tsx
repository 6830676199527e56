import { ActionIcon, Badge, Button, Group, Stack, TagsInput, Text, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import type { CaseDetail } from '../../api.ts';
import { EditRefusal } from './EditRefusal.tsx';
import { useCaseEdit } from './useCase.ts';

// The server's limits (contract/cases.ts): at most 50 tags of at most 64 characters.
const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 64;

const clean = (tags: string[]) => [
  ...new Set(tags.map((t) => t.trim().slice(0, MAX_TAG_LENGTH)).filter((t) => t !== '')),
];

/** The tags edited in place: Enter or a comma adds one; Save keeps them, Escape or Cancel leaves. */
function TagsEditor({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const edit = useCaseEdit(c);
  const [draft, setDraft] = useState<string[]>(c.tags);
  const save = () => {
    const next = clean(draft);
    if (JSON.stringify(next) === JSON.stringify(c.tags)) onClose();
    else edit.mutate({ tags: next }, { onSuccess: onClose });
  };
  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TagsInput
          label="Tags"
          description="Enter or a comma after each tag"
          placeholder={draft.length < MAX_TAGS ? 'Add a tag' : undefined}
          value={draft}
          maxTags={MAX_TAGS}
          splitChars={[',']}
          clearable
          autoFocus
          style={{ flex: 1, maxWidth: 760 }}
          onChange={(v) => setDraft(clean(v))}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
          }}
        />
        <Button loading={edit.isPending} onClick={save}>
          Save tags
        </Button>
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
      </Group>
      {edit.isError && <EditRefusal error={edit.error} onShowCurrent={onClose} />}
    </Stack>
  );
}

/** The case's tags; those who may edit the case change them in place. */
export function CaseTags({ c }: { c: CaseDetail }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <TagsEditor c={c} onClose={() => setEditing(false)} />;
  if (c.tags.length === 0 && !c.access.canEdit) return null;
  return (
    <Group gap={6} align="center">
      <Text size="sm">Tags:</Text>
      {c.tags.length === 0 ? (
        <Text size="sm" c="dimmed">
          none
        </Text>
      ) : (
        c.tags.map((t) => (
          <Badge key={t} variant="light" color="gray" size="sm" tt="none">
            {t}
          </Badge>
        ))
      )}
      {c.access.canEdit && (
        <Tooltip label="Edit tags">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label="Edit tags"
            onClick={() => setEditing(true)}
          >
            <IconPencil size={14} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

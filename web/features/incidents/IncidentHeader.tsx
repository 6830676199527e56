import { ActionIcon, Button, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError, type IncidentInfo } from '../../api.ts';
import { formatWhen } from '../../components/dates.ts';
import { SeverityBadge } from '../alerts/AlertBadges.tsx';
import { CoveringCases } from './CoveringCases.tsx';
import { useUpdateIncident } from './useIncidents.ts';
import { subjectLabel } from '../subjects/subject-label.ts';

/** The title, edited in place: Enter or Save keeps it, Escape or Cancel leaves it. */
function TitleEditor(props: {
  title: string;
  busy: boolean;
  onSave: (t: string) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState(props.title);
  const blank = draft.trim() === '';
  const save = () => {
    if (blank) return;
    if (draft === props.title) props.onClose();
    else props.onSave(draft);
  };
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        label="Title"
        value={draft}
        maxLength={300}
        style={{ flex: 1, maxWidth: 640 }}
        autoFocus
        error={blank ? 'Give the incident a title' : undefined}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save();
          if (e.key === 'Escape') props.onClose();
        }}
      />
      <Button loading={props.busy} disabled={blank} onClick={save}>
        Save title
      </Button>
      <Button variant="default" onClick={props.onClose}>
        Cancel
      </Button>
    </Group>
  );
}

/** What the incident is and whom it is about; those who may edit it can rename it in place. */
export function IncidentHeader({
  incident: i,
  canEdit,
}: {
  incident: IncidentInfo;
  canEdit: boolean;
}) {
  // The title editor saves at the version it opened on, so a change that arrived live
  // while it was open is answered as a conflict, never overwritten unseen.
  const [editedVersion, setEditedVersion] = useState<number | null>(null);
  const editing = editedVersion !== null;
  const setEditing = (on: boolean) => setEditedVersion(on ? i.version : null);
  const update = useUpdateIncident(i, editedVersion ?? undefined);
  const alerts = `${i.alertCount} ${i.alertCount === 1 ? 'alert' : 'alerts'}`;

  return (
    <Stack gap={6}>
      <Group gap="xs">
        <SeverityBadge severity={i.severity} />
        <Text size="sm" c="dimmed">
          Incident #{i.id} · {alerts} · {formatWhen(i.firstAlertAt)} to {formatWhen(i.lastAlertAt)}
        </Text>
      </Group>
      {editing ? (
        <TitleEditor
          title={i.title}
          busy={update.isPending}
          onClose={() => setEditing(false)}
          onSave={(title) =>
            update.mutate(
              { title },
              {
                onSuccess: () => setEditing(false),
                // On a conflict the editor closes on their version, as the notice asks to redo it.
                onError: (error) => {
                  if (error instanceof ApiError && error.code === 'precondition_failed')
                    setEditing(false);
                },
              },
            )
          }
        />
      ) : (
        <Group gap={4} wrap="nowrap" align="center">
          <Title order={1} size="h3" style={{ wordBreak: 'break-word' }}>
            {i.title}
          </Title>
          {canEdit && (
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
      )}
      <Group gap="xs" wrap="wrap">
        <Text size="sm" span>
          {i.subjectCount === 1 ? 'Subject:' : `Subjects (${i.subjectCount}):`}
        </Text>
        {i.subjectCount === 0 ? (
          <Text size="sm" c="dimmed" span>
            none
          </Text>
        ) : (
          <Text size="sm" span>
            {i.subjects.map(subjectLabel).join(', ')}
            {i.subjectCount > i.subjects.length &&
              ` and ${i.subjectCount - i.subjects.length} more`}
          </Text>
        )}
        <Text size="sm" span>
          · Cases:
        </Text>
        <CoveringCases cases={i.cases} />
        {i.needsReview > 0 && (
          <Text size="sm" span>
            · {i.needsReview} {i.needsReview === 1 ? 'alert needs' : 'alerts need'} review
          </Text>
        )}
      </Group>
    </Stack>
  );
}

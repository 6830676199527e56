import { Group, Select, Text } from '@mantine/core';
import type { IncidentInfo } from '../../api.ts';
import { useAccountOptions } from '../session/useWorkspaceData.ts';
import { IncidentStatusBadge } from './IncidentStatusBadge.tsx';
import { incidentStatusLabels } from './incidents-search.ts';
import { useUpdateIncident } from './useIncidents.ts';

const statusOptions = (['active', 'resolved'] as const).map((value) => ({
  value,
  label: incidentStatusLabels[value],
}));

/** Status and assignee: controls for those who may change them, plain text for the others. */
export function IncidentFields({
  incident: i,
  canEdit,
}: {
  incident: IncidentInfo;
  canEdit: boolean;
}) {
  const update = useUpdateIncident(i);
  const accounts = useAccountOptions('work', [i.assignee]);
  if (!canEdit)
    return (
      <Group gap="sm">
        <IncidentStatusBadge status={i.status} />
        <Text size="sm">Assignee: {i.assignee?.name ?? 'Unassigned'}</Text>
      </Group>
    );
  return (
    <>
      <Select
        label="Status"
        data={statusOptions}
        value={i.status}
        w={130}
        allowDeselect={false}
        disabled={update.isPending}
        onChange={(v) =>
          (v === 'active' || v === 'resolved') && v !== i.status && update.mutate({ status: v })
        }
      />
      <Select
        label="Assignee"
        placeholder="Unassigned"
        data={accounts}
        value={i.assignee ? String(i.assignee.id) : null}
        w={180}
        searchable
        clearable
        disabled={update.isPending}
        onChange={(v) => update.mutate({ assigneeId: v ? Number(v) : null })}
      />
    </>
  );
}

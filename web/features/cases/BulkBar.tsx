import { Button, Select } from '@mantine/core';
import { FloatingBar } from '../../components/FloatingBar.tsx';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../components/ErrorState.tsx';
import { priorityOptions } from '../../components/labels.ts';
import type { Priority } from '../../api.ts';
import { useAccountOptions, useStatuses } from '../session/useWorkspaceData.ts';
import { useBulkUpdate } from './useCases.ts';

/** Assign, set status or set priority of the selected cases, reporting failures per case. */
export function BulkBar({ numbers, onDone }: { numbers: number[]; onDone: () => void }) {
  const bulk = useBulkUpdate();
  const statuses = useStatuses();
  const accounts = useAccountOptions('work');
  const apply = (set: { assigneeId?: number | null; statusId?: number; priority?: Priority }) =>
    bulk.mutate(
      { numbers, set },
      {
        onSuccess: (out) => {
          const failed = out.results.filter((r) => !r.ok);
          if (failed.length === 0) {
            notifications.show({ color: 'green', message: `${numbers.length} cases updated` });
            onDone();
          } else
            notifications.show({
              color: 'orange',
              title: `${failed.length} of ${numbers.length} cases not updated`,
              message: failed
                .slice(0, 5)
                .map((f) => `#${f.number}: ${f.error?.message ?? 'refused'}`)
                .join('; '),
            });
        },
        onError: (e) =>
          notifications.show({
            color: 'red',
            title: 'Bulk update failed',
            message: errorMessage(e),
          }),
      },
    );
  return (
    <FloatingBar count={numbers.length}>
      <Select
        aria-label="Assign selected cases to"
        placeholder="Assign to…"
        data={[{ value: 'none', label: 'Unassigned' }, ...accounts]}
        value={null}
        searchable
        w={170}
        disabled={bulk.isPending}
        onChange={(v) => v && apply({ assigneeId: v === 'none' ? null : Number(v) })}
      />
      <Select
        aria-label="Set status of selected cases"
        placeholder="Set status…"
        data={(statuses.data?.items ?? [])
          // Cases close only by being resolved, one by one with a reason.
          .filter((s) => !s.retired && s.category !== 'closed')
          .map((s) => ({ value: String(s.id), label: s.name }))}
        value={null}
        w={150}
        disabled={bulk.isPending}
        onChange={(v) => v && apply({ statusId: Number(v) })}
      />
      <Select
        aria-label="Set priority of selected cases"
        placeholder="Set priority…"
        data={priorityOptions}
        value={null}
        w={150}
        disabled={bulk.isPending}
        onChange={(v) => v && apply({ priority: v })}
      />
      <Button variant="subtle" color="gray" onClick={onDone} loading={bulk.isPending}>
        Clear selection
      </Button>
    </FloatingBar>
  );
}

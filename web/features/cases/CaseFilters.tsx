import { Button, MultiSelect, Switch } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconX } from '@tabler/icons-react';
import { categoryLabels, priorityOptions } from '../../components/labels.ts';
import { AssigneeFilter } from '../session/AssigneeFilter.tsx';
import { useStatuses } from '../session/useWorkspaceData.ts';
import type { DashboardSearch } from './dashboard-search.ts';

type Patch = Partial<DashboardSearch>;
const join = (v: string[]) => (v.length > 0 ? v.join(',') : undefined);
const split = (v: string | undefined) => (v ? v.split(',') : []);

/** Filter controls (laid out by the page): category or status, priority, assignee, opened and updated ranges, overdue. */
export function CaseFilters({
  search,
  onChange,
  byAssignee,
}: {
  search: DashboardSearch;
  onChange: (p: Patch) => void;
  /** Offer the assignee filter: for those who may list the workspace's accounts. */
  byAssignee: boolean;
}) {
  const statuses = useStatuses();
  const stateOptions = [
    {
      group: 'Category',
      items: (Object.keys(categoryLabels) as (keyof typeof categoryLabels)[]).map((k) => ({
        value: `cat:${k}`,
        label: `${categoryLabels[k]} (any status)`,
      })),
    },
    {
      group: 'Status',
      items: (statuses.data?.items ?? []).map((s) => ({
        value: `st:${s.id}`,
        label: s.retired ? `${s.name} (retired)` : s.name,
      })),
    },
  ];
  const stateValue = [
    ...split(search.category).map((c) => `cat:${c}`),
    ...split(search.status).map((s) => `st:${s}`),
  ];
  const range = (
    from: string | undefined,
    to: string | undefined,
  ): [string | null, string | null] => [from ?? null, to ?? null];
  const hasFilters = [
    'category',
    'status',
    'priority',
    'assignee',
    'createdFrom',
    'createdTo',
    'updatedFrom',
    'updatedTo',
    'overdue',
  ].some((k) => search[k as keyof DashboardSearch] !== undefined);

  return (
    <>
      <MultiSelect
        label="Status"
        placeholder={stateValue.length ? undefined : 'Any'}
        data={stateOptions}
        value={stateValue}
        w={180}
        clearable
        onChange={(v) =>
          onChange({
            category: join(v.filter((x) => x.startsWith('cat:')).map((x) => x.slice(4))),
            status: join(v.filter((x) => x.startsWith('st:')).map((x) => x.slice(3))),
          })
        }
      />
      <MultiSelect
        label="Priority"
        placeholder={search.priority ? undefined : 'Any'}
        data={priorityOptions}
        value={split(search.priority)}
        w={170}
        clearable
        onChange={(v) => onChange({ priority: join(v) })}
      />
      {byAssignee && (
        <AssigneeFilter
          value={search.assignee}
          w={150}
          onChange={(assignee) => onChange({ assignee })}
        />
      )}
      <DatePickerInput
        type="range"
        size="xs"
        label="Opened"
        placeholder="Any time"
        clearable
        w={170}
        value={range(search.createdFrom, search.createdTo)}
        onChange={([from, to]) =>
          onChange({ createdFrom: from ?? undefined, createdTo: to ?? undefined })
        }
      />
      <DatePickerInput
        type="range"
        size="xs"
        label="Updated"
        placeholder="Any time"
        clearable
        w={170}
        value={range(search.updatedFrom, search.updatedTo)}
        onChange={([from, to]) =>
          onChange({ updatedFrom: from ?? undefined, updatedTo: to ?? undefined })
        }
      />
      <Switch
        label="Overdue only"
        size="xs"
        mb={6}
        checked={search.overdue ?? false}
        onChange={(e) => onChange({ overdue: e.currentTarget.checked || undefined })}
      />
      {hasFilters && (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconX size={12} />}
          onClick={() =>
            onChange({
              category: undefined,
              status: undefined,
              priority: undefined,
              assignee: undefined,
              createdFrom: undefined,
              createdTo: undefined,
              updatedFrom: undefined,
              updatedTo: undefined,
              overdue: undefined,
            })
          }
        >
          Clear filters
        </Button>
      )}
    </>
  );
}

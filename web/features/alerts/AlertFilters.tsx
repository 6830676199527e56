import { Button, MultiSelect, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api.ts';
import { SubjectSelect } from '../subjects/SubjectSelect.tsx';
import {
  alertStatuses,
  alertStatusLabels,
  severities,
  severityLabels,
  type AlertsSearch,
} from './alerts-search.ts';
import { dismissCategories } from './dismiss-categories.ts';
import { alertsKey } from '../../query-keys.ts';

type Patch = Partial<AlertsSearch>;

const statusOptions = [
  ...alertStatuses.map((s) => ({ value: s, label: alertStatusLabels[s] })),
  { value: 'all', label: 'Any status' },
];

const filterKeys = ['q', 'status', 'severity', 'source', 'subject', 'dismissed'] as const;

/** The sources alerts came from, offered by the source filter (and the one the URL names). */
function SourceFilter(props: { value: string | undefined; onChange: (p: Patch) => void }) {
  const sources = useQuery({
    queryKey: [...alertsKey, 'sources'],
    queryFn: api.listAlertSources,
    staleTime: 60_000,
  });
  const known = sources.data?.items.map((s) => s.source) ?? [];
  const chosen = props.value?.split(',').filter(Boolean) ?? [];
  // Several sources come only from a link; they are offered together as they came.
  return (
    <Select
      label="Source"
      placeholder="Any"
      data={[...new Set([...known, ...chosen, ...(chosen.length > 1 ? [props.value!] : [])])]}
      w={170}
      value={props.value ?? null}
      onChange={(v) => props.onChange({ source: v ?? undefined })}
      searchable
      clearable
      nothingFoundMessage={sources.isFetching ? 'Loading…' : 'No such source'}
    />
  );
}

/** Dismissal categories with how many alerts each holds; shown where dismissed alerts are. */
function DismissedFilter(props: { value: string | undefined; onChange: (p: Patch) => void }) {
  const counts = useQuery({
    queryKey: [...alertsKey, 'dismissal-counts'],
    queryFn: api.countDismissals,
    staleTime: 30_000,
  });
  return (
    <MultiSelect
      label="Dismissed as"
      placeholder={props.value ? undefined : 'Any category'}
      data={dismissCategories.map((c) => {
        const n = counts.data?.counts[c.value];
        return { value: c.value, label: n === undefined ? c.label : `${c.label} (${n})` };
      })}
      w={230}
      value={props.value ? props.value.split(',') : []}
      onChange={(v) => props.onChange({ dismissed: v.length > 0 ? v.join(',') : undefined })}
      clearable
    />
  );
}

/**
 * Search (words, or a person's name or e-mail), status (needs review by default), severity,
 * source, subject and, for dismissed alerts, the dismissal category of the alert queue.
 */
export function AlertFilters(props: { search: AlertsSearch; onChange: (p: Patch) => void }) {
  const { search, onChange } = props;
  const [q, setQ] = useState(search.q ?? '');
  const setText = useDebouncedCallback((patch: Patch) => onChange(patch), 250);
  const filtered = filterKeys.some((k) => search[k] !== undefined);
  const showsDismissed =
    search.status === 'dismissed' || search.status === 'all' || search.dismissed !== undefined;
  return (
    <>
      <TextInput
        id="alert-search"
        label="Search"
        placeholder="Title, description, person  ( / )"
        leftSection={<IconSearch size={14} />}
        w={250}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setText({ q: e.currentTarget.value.trim() || undefined });
        }}
      />
      <Select
        label="Status"
        data={statusOptions}
        w={150}
        value={search.status?.includes(',') ? null : (search.status ?? 'needs_review')}
        onChange={(v) =>
          onChange({
            status: v === 'needs_review' ? undefined : (v ?? undefined),
            ...(v === 'dismissed' || v === 'all' ? {} : { dismissed: undefined }),
          })
        }
        allowDeselect={false}
      />
      {showsDismissed && <DismissedFilter value={search.dismissed} onChange={onChange} />}
      <MultiSelect
        label="Severity"
        placeholder={search.severity ? undefined : 'Any'}
        data={severities.map((s) => ({ value: s, label: severityLabels[s] }))}
        w={200}
        value={search.severity ? search.severity.split(',') : []}
        onChange={(v) => onChange({ severity: v.length > 0 ? v.join(',') : undefined })}
        clearable
      />
      <SourceFilter value={search.source} onChange={onChange} />
      <SubjectSelect value={search.subject} onChange={(subject) => onChange({ subject })} w={200} />
      {filtered && (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconX size={14} />}
          onClick={() => {
            setQ('');
            onChange(Object.fromEntries(filterKeys.map((k) => [k, undefined])));
          }}
        >
          Clear filters
        </Button>
      )}
    </>
  );
}

import { Button, MultiSelect, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import {
  alertStatuses,
  alertStatusLabels,
  severities,
  severityLabels,
  type AlertsSearch,
} from './alerts-search.ts';

type Patch = Partial<AlertsSearch>;

const statusOptions = [
  ...alertStatuses.map((s) => ({ value: s, label: alertStatusLabels[s] })),
  { value: 'all', label: 'Any status' },
];

/** Search, status (needs review by default), severity and source of the alert queue. */
export function AlertFilters(props: { search: AlertsSearch; onChange: (p: Patch) => void }) {
  const { search, onChange } = props;
  const [q, setQ] = useState(search.q ?? '');
  const [source, setSource] = useState(search.source ?? '');
  const setText = useDebouncedCallback((patch: Patch) => onChange(patch), 250);
  const filtered = ['q', 'status', 'severity', 'source'].some(
    (k) => search[k as keyof AlertsSearch] !== undefined,
  );
  return (
    <>
      <TextInput
        id="alert-search"
        label="Search"
        placeholder="Words in the title or description"
        leftSection={<IconSearch size={14} />}
        w={240}
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
        onChange={(v) => onChange({ status: v === 'needs_review' ? undefined : (v ?? undefined) })}
        allowDeselect={false}
      />
      <MultiSelect
        label="Severity"
        placeholder={search.severity ? undefined : 'Any'}
        data={severities.map((s) => ({ value: s, label: severityLabels[s] }))}
        w={200}
        value={search.severity ? search.severity.split(',') : []}
        onChange={(v) => onChange({ severity: v.length > 0 ? v.join(',') : undefined })}
        clearable
      />
      <TextInput
        label="Source"
        placeholder="dlp, edr…"
        w={130}
        value={source}
        onChange={(e) => {
          setSource(e.currentTarget.value);
          setText({ source: e.currentTarget.value.trim() || undefined });
        }}
      />
      {filtered && (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconX size={14} />}
          onClick={() => {
            setQ('');
            setSource('');
            onChange({ q: undefined, status: undefined, severity: undefined, source: undefined });
          }}
        >
          Clear filters
        </Button>
      )}
    </>
  );
}

import { Button, MultiSelect, Select } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { severities, severityLabels } from '../alerts/alerts-search.ts';
import { AssigneeFilter } from '../session/AssigneeFilter.tsx';
import { SubjectSelect } from '../subjects/SubjectSelect.tsx';
import type { IncidentsSearch } from './incidents-search.ts';

type Patch = Partial<IncidentsSearch>;

const statusOptions = [
  { value: 'active', label: 'Active' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'Any status' },
];
const linkOptions = [
  { value: 'true', label: 'In a case' },
  { value: 'false', label: 'In no case' },
];

/** Status (active by default), severity, assignee, subject and case link of the incident queue. */
export function IncidentFilters(props: { search: IncidentsSearch; onChange: (p: Patch) => void }) {
  const { search, onChange } = props;
  const filtered = ['status', 'severity', 'assignee', 'subject', 'linked'].some(
    (k) => search[k as keyof IncidentsSearch] !== undefined,
  );
  return (
    <>
      <Select
        label="Status"
        data={statusOptions}
        w={130}
        value={search.status ?? 'active'}
        allowDeselect={false}
        onChange={(v) => onChange({ status: v === 'resolved' || v === 'all' ? v : undefined })}
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
      <AssigneeFilter
        value={search.assignee === undefined ? undefined : String(search.assignee)}
        w={150}
        onChange={(v) =>
          onChange({ assignee: v === 'me' || v === 'none' ? v : v ? Number(v) : undefined })
        }
      />
      <SubjectSelect value={search.subject} onChange={(subject) => onChange({ subject })} w={190} />
      <Select
        label="Cases"
        placeholder="Any"
        data={linkOptions}
        value={search.linked === undefined ? null : String(search.linked)}
        w={130}
        clearable
        onChange={(v) => onChange({ linked: v === null ? undefined : v === 'true' })}
      />
      {filtered && (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconX size={14} />}
          onClick={() =>
            onChange({
              status: undefined,
              severity: undefined,
              assignee: undefined,
              subject: undefined,
              linked: undefined,
            })
          }
        >
          Clear filters
        </Button>
      )}
    </>
  );
}

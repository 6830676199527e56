import { Group, SegmentedControl, Select, Switch, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { EvidenceKind } from '../../api.ts';
import { typeFilters } from './evidence-format.ts';

export interface EvidenceFilterValues {
  kind: EvidenceKind | 'all';
  type: string | null;
  q: string;
  removed: boolean;
}

export const noFilters: EvidenceFilterValues = { kind: 'all', type: null, q: '', removed: false };

/** Kind, detected type, words and removed items; the gallery shows captures only (no kind). */
export function EvidenceFilters({
  value,
  onChange,
  showKind,
}: {
  value: EvidenceFilterValues;
  onChange: (next: EvidenceFilterValues) => void;
  showKind: boolean;
}) {
  const set = (patch: Partial<EvidenceFilterValues>) => onChange({ ...value, ...patch });
  return (
    <Group gap="sm" align="center">
      {showKind && (
        <SegmentedControl
          size="xs"
          aria-label="Kind"
          value={value.kind}
          onChange={(v) => set({ kind: v })}
          data={[
            { value: 'all', label: 'All' },
            { value: 'file', label: 'Files' },
            { value: 'capture', label: 'Captures' },
            { value: 'email', label: 'E-mails' },
          ]}
        />
      )}
      <Select
        size="xs"
        aria-label="Detected type"
        placeholder="Any type"
        data={typeFilters.map((t) => ({ value: t.value, label: t.label }))}
        value={value.type}
        onChange={(v) => set({ type: v })}
        clearable
        w={170}
      />
      <TextInput
        size="xs"
        aria-label="Search evidence"
        placeholder="Words of the name or note"
        leftSection={<IconSearch size={14} />}
        value={value.q}
        onChange={(e) => set({ q: e.currentTarget.value })}
        w={240}
      />
      <Switch
        size="xs"
        label="Show removed"
        checked={value.removed}
        onChange={(e) => set({ removed: e.currentTarget.checked })}
      />
    </Group>
  );
}

import { Button, Group, SegmentedControl, Select, Stack, Switch, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconSearch, IconX } from '@tabler/icons-react';
import dayjs from 'dayjs';
import type { EvidenceKind, EvidenceQuery } from '../../api.ts';
import { sizeFilters, typeFilters, type SizeFilter } from './evidence-format.ts';

export interface EvidenceFilterValues {
  kind: EvidenceKind | 'all';
  type: string | null;
  q: string;
  removed: boolean;
  /** E-mails only: sender, recipient (To or Cc), subject, attachments. */
  from: string;
  to: string;
  subject: string;
  attachments: 'any' | 'with' | 'without';
  /** Days (YYYY-MM-DD), by the item's date: sent, captured, else added. */
  dates: [string | null, string | null];
  size: SizeFilter | null;
}

export const noFilters: EvidenceFilterValues = {
  kind: 'all',
  type: null,
  q: '',
  removed: false,
  from: '',
  to: '',
  subject: '',
  attachments: 'any',
  dates: [null, null],
  size: null,
};

/** The typed-in filters, which the tab debounces before asking the server. */
export type TypedFilters = Pick<EvidenceFilterValues, 'q' | 'from' | 'to' | 'subject'>;

const DAY_FORMAT = 'D MMM YYYY';

/** What the date button shows, which its accessible name must hold. */
function datesText([from, to]: EvidenceFilterValues['dates']): string {
  if (!from) return 'Any date';
  const day = (d: string) => dayjs(d).format(DAY_FORMAT);
  return to ? `${day(from)} – ${day(to)}` : day(from);
}

const startOfDay = (d: string) => new Date(`${d}T00:00:00`).toISOString();
const endOfDay = (d: string) => new Date(`${d}T23:59:59.999`).toISOString();

/** The list query for the filters; the gallery asks for captures only. */
export function toEvidenceQuery(
  f: EvidenceFilterValues,
  typed: TypedFilters,
  gallery: boolean,
): EvidenceQuery {
  const kind = gallery ? 'capture' : f.kind === 'all' ? undefined : f.kind;
  const size = sizeFilters.find((s) => s.value === f.size);
  const [from, to] = f.dates;
  const text = (v: string) => v.trim() || undefined;
  return {
    ...(kind && { kind: [kind] }),
    ...(f.type && { type: f.type }),
    q: text(typed.q),
    from: text(typed.from),
    to: text(typed.to),
    subject: text(typed.subject),
    ...(f.attachments !== 'any' && { hasAttachments: f.attachments === 'with' ? 'true' : 'false' }),
    ...(from && { dateFrom: startOfDay(from) }),
    ...(to && { dateTo: endOfDay(to) }),
    ...(size && 'min' in size && { minSize: size.min }),
    ...(size && 'max' in size && { maxSize: size.max }),
    ...(f.removed && { removed: 'any' as const }),
  };
}

export const isFiltered = (f: EvidenceFilterValues): boolean =>
  f.kind !== 'all' ||
  f.type !== null ||
  [f.q, f.from, f.to, f.subject].some((v) => v.trim() !== '') ||
  f.removed ||
  f.attachments !== 'any' ||
  f.dates.some((d) => d !== null) ||
  f.size !== null;

/**
 * Kind, detected type, words, date, size and removed items; for e-mails also sender,
 * recipient, subject and attachments. The gallery shows captures only (no kind, no e-mail).
 */
export function EvidenceFilters({
  value,
  onChange,
  gallery,
}: {
  value: EvidenceFilterValues;
  onChange: (next: EvidenceFilterValues) => void;
  gallery: boolean;
}) {
  const set = (patch: Partial<EvidenceFilterValues>) => onChange({ ...value, ...patch });
  const mail = !gallery && (value.kind === 'all' || value.kind === 'email');
  return (
    <Stack gap={6}>
      <Group gap="sm" align="center">
        {!gallery && (
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
          w={160}
        />
        <TextInput
          size="xs"
          aria-label="Search evidence"
          placeholder="Words of the name or note"
          leftSection={<IconSearch size={14} />}
          value={value.q}
          onChange={(e) => set({ q: e.currentTarget.value })}
          w={220}
        />
        <DatePickerInput
          type="range"
          size="xs"
          aria-label={`Date (sent, captured or added): ${datesText(value.dates)}`}
          placeholder="Any date"
          valueFormat={DAY_FORMAT}
          clearable
          w={190}
          value={value.dates}
          onChange={(dates) => set({ dates })}
        />
        <Select
          size="xs"
          aria-label="Size"
          placeholder="Any size"
          data={sizeFilters.map((s) => ({ value: s.value, label: s.label }))}
          value={value.size}
          onChange={(v) => set({ size: v })}
          clearable
          w={150}
        />
        <Switch
          size="xs"
          label="Show removed"
          checked={value.removed}
          onChange={(e) => set({ removed: e.currentTarget.checked })}
        />
      </Group>
      {mail && (
        <Group gap="sm" align="center" aria-label="E-mail filters" role="group">
          <TextInput
            size="xs"
            aria-label="From"
            placeholder="From (name or address)"
            value={value.from}
            onChange={(e) => set({ from: e.currentTarget.value })}
            w={200}
          />
          <TextInput
            size="xs"
            aria-label="To or Cc"
            placeholder="To or Cc"
            value={value.to}
            onChange={(e) => set({ to: e.currentTarget.value })}
            w={200}
          />
          <TextInput
            size="xs"
            aria-label="Subject"
            placeholder="Subject"
            value={value.subject}
            onChange={(e) => set({ subject: e.currentTarget.value })}
            w={220}
          />
          <SegmentedControl
            size="xs"
            aria-label="Attachments"
            value={value.attachments}
            onChange={(v) => set({ attachments: v })}
            data={[
              { value: 'any', label: 'Any' },
              { value: 'with', label: 'With attachments' },
              { value: 'without', label: 'Without' },
            ]}
          />
        </Group>
      )}
      {isFiltered(value) && (
        <Group>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            leftSection={<IconX size={12} />}
            onClick={() => onChange(noFilters)}
          >
            Clear filters
          </Button>
        </Group>
      )}
    </Stack>
  );
}

import { Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api.ts';

/** Picks one subject by name or e-mail, searched on the server as you type. */
export function SubjectSelect(props: {
  value: number | undefined;
  onChange: (id: number | undefined) => void;
  w?: number;
  /** What an empty choice means: "Anyone" for a filter, "None" for a field. */
  placeholder?: string;
  disabled?: boolean;
}) {
  const { value } = props;
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['subjects', 'search', debounced],
    queryFn: () => api.listSubjects(debounced),
    enabled: opened,
    staleTime: 30_000,
  });
  const current = useQuery({
    queryKey: ['subjects', 'one', value],
    queryFn: () => api.getSubject(value as number),
    enabled: value !== undefined,
    staleTime: 60_000,
  });
  const emails = new Map<string, string>();
  const options = new Map<string, { value: string; label: string }>();
  for (const s of [...(current.data ? [current.data] : []), ...(found.data?.items ?? [])]) {
    options.set(String(s.id), { value: String(s.id), label: s.name });
    emails.set(String(s.id), s.email);
  }
  return (
    <Select
      label="Subject"
      placeholder={props.placeholder ?? 'Anyone'}
      disabled={props.disabled}
      w={props.w}
      searchable
      clearable
      data={[...options.values()]}
      value={value === undefined ? null : String(value)}
      searchValue={search}
      onSearchChange={setSearch}
      onDropdownOpen={() => setOpened(true)}
      // The server has searched already: show its answer as it is.
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'No subject matches'}
      renderOption={({ option }) => (
        <Stack gap={0}>
          <Text size="sm">{option.label}</Text>
          <Text size="xs" c="dimmed">
            {emails.get(option.value)}
          </Text>
        </Stack>
      )}
      onChange={(v) => props.onChange(v ? Number(v) : undefined)}
    />
  );
}

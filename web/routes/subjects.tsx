import { Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageButtons } from '../components/PageButtons.tsx';
import { QueueBody } from '../components/QueueBody.tsx';
import { nextSort } from '../components/SortHeader.tsx';
import { SubjectTable } from '../features/subjects/SubjectTable.tsx';
import {
  toSubjectQuery,
  type SubjectSortField,
  type SubjectsSearch,
} from '../features/subjects/subjects-search.ts';
import { useSubjectList } from '../features/subjects/useSubjects.ts';

const route = getRouteApi('/app/subjects');

/** The monitored people: searched by name, e-mail or department, highest activity risk first. */
export function SubjectsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [cursors, setCursors] = useState<string[]>([]);
  const [text, setText] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const query = useMemo(() => toSubjectQuery(search), [search]);
  const list = useSubjectList(query, cursors.at(-1));

  const update = (patch: Partial<SubjectsSearch>) => {
    setCursors([]);
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  };
  useEffect(() => {
    if (debounced !== (search.q ?? '')) update({ q: debounced || undefined });
  }, [debounced]);
  const sort = (query.sort ?? 'activityRiskScore') as SubjectSortField;
  const onSort = (field: SubjectSortField) =>
    update(nextSort({ sort, order: query.order }, 'activityRiskScore', field));
  const items = list.data?.items ?? [];

  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="nowrap">
        <Title order={1} size="h3">
          Subjects
        </Title>
        {list.isFetching && <Loader size="xs" aria-label="Loading subjects" />}
      </Group>
      <TextInput
        aria-label="Search subjects"
        placeholder="Name, e-mail or department"
        leftSection={<IconSearch size={14} />}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        w={320}
      />
      <Paper withBorder>
        <QueueBody
          list={list}
          noun="subjects"
          empty={
            items.length === 0 ? (
              search.q ? (
                <EmptyState title="No subject matches this search">
                  Search part of a name, an e-mail address or a department.
                </EmptyState>
              ) : (
                <EmptyState title="No subject yet">
                  People appear here when an alert or an activity event about them arrives.
                </EmptyState>
              )
            ) : null
          }
        >
          <SubjectTable
            subjects={items}
            sort={sort}
            order={query.order ?? 'desc'}
            onSort={onSort}
          />
        </QueueBody>
      </Paper>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {items.length > 0
            ? `Page ${cursors.length + 1} · ${items.length} ${items.length === 1 ? 'subject' : 'subjects'} · risk is the activity risk score now`
            : ''}
        </Text>
        <PageButtons
          cursors={cursors}
          setCursors={setCursors}
          nextCursor={list.isPlaceholderData ? null : list.data?.nextCursor}
        />
      </Group>
    </Stack>
  );
}

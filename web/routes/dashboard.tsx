import { Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback, useHotkeys } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { EmptyState } from '../components/EmptyState.tsx';
import { QueueBody } from '../components/QueueBody.tsx';
import { BulkBar } from '../features/cases/BulkBar.tsx';
import { CaseFilters } from '../features/cases/CaseFilters.tsx';
import { CaseTable } from '../features/cases/CaseTable.tsx';
import { LiveBanner } from '../features/live/LiveBanner.tsx';
import { ColumnPicker } from '../components/ColumnPicker.tsx';
import { useRememberedColumns } from '../components/remembered-columns.ts';
import {
  columns as allColumns,
  defaultColumnKeys,
  pickColumns,
} from '../features/cases/columns.tsx';
import {
  thisMinute,
  toCaseQuery,
  type DashboardSearch,
  type SortField,
} from '../features/cases/dashboard-search.ts';
import { useCaseList, useCaseTotal } from '../features/cases/useCases.ts';
import { totalText } from '../components/total-text.ts';
import { accessOf, useMe } from '../features/session/useMe.ts';
import { useStatuses } from '../features/session/useWorkspaceData.ts';
import { ViewBar } from '../features/views/ViewBar.tsx';
import { PageButtons } from '../components/PageButtons.tsx';
import { nextSort } from '../components/SortHeader.tsx';

const route = getRouteApi('/app/');

export function DashboardPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const me = useMe();
  const statuses = useStatuses();
  const access = me.data ? accessOf(me.data) : null;
  // Without workspace-wide access the server lists the cases the caller contributes to.
  const shared = access !== null && !access.isMember;
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [q, setQ] = useState(search.q ?? '');
  const searchRef = useRef<HTMLInputElement>(null);

  const query = useMemo(() => toCaseQuery(search, thisMinute()), [search]);
  const list = useCaseList(query, cursors.at(-1));
  const total = useCaseTotal(query);
  const shownCols = useRememberedColumns('cases', search.cols, me.data?.account.id);
  const columns = pickColumns(shownCols.cols);
  const colorOf = useMemo(() => {
    const map = new Map((statuses.data?.items ?? []).map((s) => [s.id, s.color]));
    return (id: number) => map.get(id);
  }, [statuses.data]);

  const update = (patch: Partial<DashboardSearch>) => {
    setCursors([]);
    setSelected(new Set());
    void navigate({
      search: (prev) => ({ ...prev, ...patch }),
      replace: true,
    });
  };
  const apply = (next: DashboardSearch) => {
    setCursors([]);
    setSelected(new Set());
    setQ(next.q ?? '');
    void navigate({ search: next });
  };
  const setSearchText = useDebouncedCallback(
    (value: string) => update({ q: value.trim() || undefined }),
    250,
  );
  useHotkeys([['/', () => searchRef.current?.focus()]]);

  const onSort = (field: SortField) => update(nextSort(search, 'updatedAt', field));
  const onSelect = (numbers: number[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const n of numbers) {
        if (on) next.add(n);
        else next.delete(n);
      }
      return next;
    });

  const items = list.data?.items ?? [];
  const filtered = Object.keys(search).some((k) => !['cols', 'sort', 'order', 'view'].includes(k));
  const pageNo = cursors.length + 1;

  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={1} size="h3">
            {shared ? 'Cases shared with me' : 'Cases'}
          </Title>
          {total.data && (
            <Text size="sm" c="dimmed" aria-label="Matching cases">
              {totalText(total.data, 'case', 'cases')}
            </Text>
          )}
          {list.isFetching && <Loader size="xs" aria-label="Loading cases" />}
        </Group>
        <Group gap={6} wrap="nowrap">
          {me.data && access?.canKeepViews && (
            <ViewBar
              search={{ ...search, cols: shownCols.cols }}
              meId={me.data.account.id}
              isAdmin={access.isAdmin}
              onApply={apply}
            />
          )}
          <ColumnPicker
            cols={shownCols.cols}
            onChange={(cols) => {
              shownCols.remember(cols);
              update({ cols });
            }}
            all={allColumns}
            defaults={defaultColumnKeys}
          />
        </Group>
      </Group>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          ref={searchRef}
          id="case-search"
          label="Search"
          placeholder="Number or words  ( / )"
          leftSection={<IconSearch size={14} />}
          w={220}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setSearchText(e.currentTarget.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
        />
        <CaseFilters
          search={search}
          onChange={(p) => update(p)}
          byAssignee={access?.isMember ?? false}
        />
      </Group>
      <LiveBanner kind="case" shown={items.map((c) => c.number)} />
      <Paper withBorder>
        <QueueBody
          list={list}
          noun="cases"
          empty={
            items.length === 0 ? (
              filtered ? (
                <EmptyState title="No case matches these filters">
                  Change or clear the filters, or search for other words.
                </EmptyState>
              ) : (
                <EmptyState title={shared ? 'No case is shared with you yet' : 'No cases yet'}>
                  {shared
                    ? 'When a team member adds you to a case, it appears here.'
                    : access?.canCreateCases
                      ? 'Open the first one with “New case” (or press c).'
                      : 'Cases opened by your team will appear here.'}
                </EmptyState>
              )
            ) : null
          }
        >
          <CaseTable
            cases={items}
            columns={columns}
            sort={(search.sort as SortField | undefined) ?? 'updatedAt'}
            order={search.order ?? 'desc'}
            onSort={onSort}
            selected={selected}
            onSelect={onSelect}
            selectable={access?.canManageCases ?? false}
            statusColor={colorOf}
          />
        </QueueBody>
      </Paper>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {items.length > 0 ? `Page ${pageNo} · ${items.length} cases` : ''}
        </Text>
        <PageButtons
          cursors={cursors}
          setCursors={setCursors}
          nextCursor={list.isPlaceholderData ? null : list.data?.nextCursor}
        />
      </Group>
      {selected.size > 0 && access?.canManageCases && (
        <BulkBar numbers={[...selected]} onDone={() => setSelected(new Set())} />
      )}
    </Stack>
  );
}

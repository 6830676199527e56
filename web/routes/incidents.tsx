import { Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { EmptyState } from '../components/EmptyState.tsx';
import { QueueBody } from '../components/QueueBody.tsx';
import { PageButtons } from '../components/PageButtons.tsx';
import { nextSort } from '../components/SortHeader.tsx';
import { IncidentFilters } from '../features/incidents/IncidentFilters.tsx';
import { IncidentTable } from '../features/incidents/IncidentTable.tsx';
import {
  toIncidentQuery,
  type IncidentSortField,
  type IncidentsSearch,
} from '../features/incidents/incidents-search.ts';
import { useIncidentList, useIncidentTotal } from '../features/incidents/useIncidents.ts';
import { totalText } from '../components/total-text.ts';

const route = getRouteApi('/app/incidents');

/** The incident queue: correlated groups of alerts, active ones first. */
export function IncidentsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [cursors, setCursors] = useState<string[]>([]);
  const query = useMemo(() => toIncidentQuery(search), [search]);
  const list = useIncidentList(query, cursors.at(-1));
  const total = useIncidentTotal(query);

  const update = (patch: Partial<IncidentsSearch>) => {
    setCursors([]);
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  };
  const onSort = (field: IncidentSortField) => update(nextSort(search, 'lastAlertAt', field));

  const items = list.data?.items ?? [];
  const filtered = Object.keys(search).some((k) => k !== 'sort' && k !== 'order');

  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="nowrap">
        <Title order={1} size="h3">
          Incidents
        </Title>
        {total.data && (
          <Text size="sm" c="dimmed" aria-label="Matching incidents">
            {totalText(total.data, 'incident', 'incidents')}
          </Text>
        )}
        {list.isFetching && <Loader size="xs" aria-label="Loading incidents" />}
      </Group>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <IncidentFilters search={search} onChange={update} />
      </Group>
      <Paper withBorder>
        <QueueBody
          list={list}
          noun="incidents"
          empty={
            items.length === 0 ? (
              filtered ? (
                <EmptyState title="No incident matches these filters">
                  Change or clear the filters.
                </EmptyState>
              ) : (
                <EmptyState title="No active incident">
                  Alerts about the same person or entity within the correlation window group into an
                  incident here as they arrive. Choose “Any status” to see resolved ones.
                </EmptyState>
              )
            ) : null
          }
        >
          <IncidentTable
            incidents={items}
            sort={search.sort ?? 'lastAlertAt'}
            order={search.order ?? 'desc'}
            onSort={onSort}
          />
        </QueueBody>
      </Paper>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {items.length > 0
            ? `Page ${cursors.length + 1} · ${items.length} ${items.length === 1 ? 'incident' : 'incidents'}`
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

import { Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useHotkeys } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import type { Alert } from '../api.ts';
import { ColumnPicker, shownColumnKeys } from '../components/ColumnPicker.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { useRememberedColumns } from '../components/remembered-columns.ts';
import { QueueBody } from '../components/QueueBody.tsx';
import { AlertBulkBar } from '../features/alerts/AlertBulkBar.tsx';
import { AlertDrawer } from '../features/alerts/AlertDrawer.tsx';
import { AlertFilters } from '../features/alerts/AlertFilters.tsx';
import {
  alertColumns,
  AlertTable,
  defaultAlertColumnKeys,
} from '../features/alerts/AlertTable.tsx';
import { LiveBanner } from '../features/live/LiveBanner.tsx';
import {
  statusFilter,
  toAlertQuery,
  type AlertSortField,
  type AlertsSearch,
} from '../features/alerts/alerts-search.ts';
import { useQuickTriage } from '../features/alerts/QuickTriage.tsx';
import { useAlertList, useAlertTotal } from '../features/alerts/useAlerts.ts';
import { totalText } from '../components/total-text.ts';
import { accessOf, useMe } from '../features/session/useMe.ts';
import { PageButtons } from '../components/PageButtons.tsx';
import { nextSort } from '../components/SortHeader.tsx';

const route = getRouteApi('/app/alerts');

export function AlertsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const me = useMe();
  const access = me.data ? accessOf(me.data) : null;
  const canTriage = Boolean(access?.has('alerts.triage'));
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  // The query ignores the open alert: opening one keeps the page's query key.
  const query = useMemo(() => toAlertQuery(search), [search]);
  const list = useAlertList(query, cursors.at(-1));
  const total = useAlertTotal(query);
  const quick = useQuickTriage();
  useHotkeys([['/', () => document.getElementById('alert-search')?.focus()]]);
  const shownCols = useRememberedColumns('alerts', search.cols, me.data?.account.id);

  const update = (patch: Partial<AlertsSearch>) => {
    setCursors([]);
    setSelected(new Set());
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  };
  const setOpen = (id: number | undefined) =>
    void navigate({ search: (prev) => ({ ...prev, alert: id }) });
  const onSort = (field: AlertSortField) => update(nextSort(search, 'detectedAt', field));
  const onSelect = (ids: number[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const items = list.data?.items ?? [];
  // The alerts of every page shown, so a selection made across pages can still be described.
  const seen = useRef(new Map<number, Alert>());
  for (const a of items) seen.current.set(a.id, a);
  const onlyReview = statusFilter(search).join() === 'needs_review';
  const filtered =
    Boolean(search.q ?? search.severity ?? search.source ?? search.subject ?? search.dismissed) ||
    !onlyReview;
  const at = items.findIndex((a) => a.id === search.alert);
  const step = (delta: number) => {
    const next = items[at + delta];
    return at >= 0 && next ? () => setOpen(next.id) : undefined;
  };

  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="nowrap">
        <Title order={1} size="h3">
          Alerts
        </Title>
        {total.data && (
          <Text size="sm" c="dimmed" aria-label="Matching alerts">
            {onlyReview && !filtered
              ? totalText(total.data, 'needs review', 'need review')
              : totalText(total.data, 'alert', 'alerts')}
          </Text>
        )}
        {list.isFetching && <Loader size="xs" aria-label="Loading alerts" />}
      </Group>
      <Group gap="xs" align="flex-end" justify="space-between" wrap="wrap">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <AlertFilters search={search} onChange={update} />
        </Group>
        <ColumnPicker
          cols={shownCols.cols}
          onChange={(cols) => {
            shownCols.remember(cols);
            update({ cols });
          }}
          all={alertColumns}
          defaults={defaultAlertColumnKeys}
        />
      </Group>
      <LiveBanner kind="alert" shown={items.map((a) => a.id)} />
      <Paper withBorder>
        <QueueBody
          list={list}
          noun="alerts"
          empty={
            items.length === 0 ? (
              filtered ? (
                <EmptyState title="No alert matches these filters">
                  Change or clear the filters, or search for other words.
                </EmptyState>
              ) : (
                <EmptyState title="No alert needs review">
                  New alerts from your detectors appear here as they arrive. Choose “Any status” to
                  see the ones already triaged.
                </EmptyState>
              )
            ) : null
          }
        >
          <AlertTable
            alerts={items}
            sort={search.sort ?? 'detectedAt'}
            order={search.order ?? 'desc'}
            onSort={onSort}
            selected={selected}
            onSelect={onSelect}
            selectable={canTriage}
            onOpen={setOpen}
            onTriage={quick.start}
            shown={shownColumnKeys(shownCols.cols, alertColumns, defaultAlertColumnKeys)}
          />
        </QueueBody>
      </Paper>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {items.length > 0 ? `Page ${cursors.length + 1} · ${items.length} alerts` : ''}
        </Text>
        <PageButtons
          cursors={cursors}
          setCursors={setCursors}
          nextCursor={list.isPlaceholderData ? null : list.data?.nextCursor}
        />
      </Group>
      {selected.size > 0 && canTriage && (
        <AlertBulkBar
          ids={[...selected]}
          alerts={[...selected].flatMap((id) => seen.current.get(id) ?? [])}
          onDone={() => setSelected(new Set())}
        />
      )}
      <AlertDrawer
        id={search.alert}
        canTriage={canTriage}
        onClose={() => setOpen(undefined)}
        onPrev={step(-1)}
        onNext={step(1)}
      />
      {quick.dialog}
    </Stack>
  );
}

import {
  Button,
  CloseButton,
  Group,
  Loader,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { ColumnPicker, shownColumnKeys } from '../../components/ColumnPicker.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageButtons } from '../../components/PageButtons.tsx';
import { QueueBody } from '../../components/QueueBody.tsx';
import { useRememberedColumns } from '../../components/remembered-columns.ts';
import { nextSort } from '../../components/SortHeader.tsx';
import { totalText } from '../../components/total-text.ts';
import { accessOf, useMe } from '../session/useMe.ts';
import { ViewPicker } from '../views/ViewPicker.tsx';
import {
  activityCategories,
  activityNow,
  activityViewSettings,
  searchOfActivityView,
  toExplorerQuery,
  toTimelineQuery,
  windowOf,
  windows,
  type ActivitySearch,
} from './activity-search.ts';
import { ActivityDetailPane } from './ActivityDetailPane.tsx';
import { activityColumns, ActivityTable, defaultActivityColumnKeys } from './ActivityTable.tsx';
import { TimelineChart } from './TimelineChart.tsx';
import type { MarkPick } from './timeline-marks.ts';
import {
  useActivityEventTotal,
  useActivityEvents,
  useReviewEvents,
  useTimeline,
} from './useActivityEvents.ts';

const windowLabels: Record<(typeof windows)[number], string> = {
  '1m': '1 month',
  '3m': '3 months',
  '6m': '6 months',
};
const toLocalInput = (iso: string) => iso.slice(0, 16);
const fromLocalInput = (v: string) => (v ? new Date(`${v}:00Z`).toISOString() : undefined);

/**
 * A subject's activity: the timeline chart over a window and scope, and the explorer of the
 * events behind it. Its state is the address's search values (`search`, `onChange`) on the
 * activity page; a page that embeds it may keep that state itself.
 */
export function SubjectActivity(props: {
  subjectId: number;
  /** Offers the "this case's alerts" scope. */
  caseNumber?: number | undefined;
  search: ActivitySearch;
  onChange: (patch: Partial<ActivitySearch>) => void;
}) {
  const { subjectId, caseNumber, search } = props;
  const [now] = useState(activityNow);
  const window = useMemo(() => windowOf(search, now), [search, now]);
  const timelineQuery = useMemo(
    () => toTimelineQuery(search, caseNumber, window),
    [search, caseNumber, window],
  );
  const explorerQuery = useMemo(
    () => toExplorerQuery(search, caseNumber, window),
    [search, caseNumber, window],
  );
  const timeline = useTimeline(subjectId, timelineQuery);
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const list = useActivityEvents(subjectId, explorerQuery, cursors.at(-1));
  const total = useActivityEventTotal(subjectId, explorerQuery);
  const review = useReviewEvents(subjectId);
  const me = useMe();
  const access = me.data ? accessOf(me.data) : undefined;
  const canReview = Boolean(access?.canReviewActivity);
  const columns = useRememberedColumns('activity-events', search.cols, me.data?.account.id);
  const shown = shownColumnKeys(columns.cols, activityColumns, defaultActivityColumnKeys);

  const change = (patch: Partial<ActivitySearch>) => {
    setCursors([]);
    setSelected(new Set());
    props.onChange(patch);
  };
  const clearPick = { efrom: undefined, eto: undefined, ecategory: undefined };
  const pick = (p: MarkPick) =>
    change({ efrom: p.from, eto: p.to, ecategory: p.category, event: p.eventId });
  const zoom = (from: string, to: string) => change({ from, to, ...clearPick });
  const picked = search.efrom !== undefined;
  const sort = search.sort ?? 'occurredAt';
  const order = search.order ?? 'desc';

  return (
    <Stack gap="md">
      <Paper withBorder p="sm">
        <Group justify="space-between" mb="xs" wrap="wrap">
          <Group gap="xs" role="group" aria-label="Window">
            <SegmentedControl
              size="xs"
              value={search.from ? 'custom' : (search.window ?? '3m')}
              data={[
                ...windows.map((w) => ({ value: w, label: windowLabels[w] })),
                { value: 'custom', label: 'Custom', disabled: true },
              ]}
              onChange={(w) =>
                change({
                  window: w as ActivitySearch['window'],
                  from: undefined,
                  to: undefined,
                  ...clearPick,
                })
              }
            />
            <TextInput
              size="xs"
              type="datetime-local"
              aria-label="From (UTC)"
              value={toLocalInput(window.from)}
              onChange={(e) => {
                const from = fromLocalInput(e.currentTarget.value);
                if (from) change({ from, to: window.to, ...clearPick });
              }}
            />
            <TextInput
              size="xs"
              type="datetime-local"
              aria-label="To (UTC)"
              value={toLocalInput(window.to)}
              onChange={(e) => {
                const to = fromLocalInput(e.currentTarget.value);
                if (to) change({ from: window.from, to, ...clearPick });
              }}
            />
            <Button
              size="xs"
              variant="default"
              disabled={!search.from}
              onClick={() => change({ from: undefined, to: undefined, ...clearPick })}
            >
              Reset zoom
            </Button>
          </Group>
          <Group gap="xs">
            {caseNumber !== undefined && (
              <SegmentedControl
                size="xs"
                value={search.scope ?? 'all'}
                data={[
                  { value: 'all', label: 'All activity' },
                  { value: 'case', label: `Case ${caseNumber} alerts` },
                ]}
                onChange={(v) => change({ scope: v, ...clearPick })}
              />
            )}
            <MultiSelect
              size="xs"
              w={260}
              aria-label="Categories"
              placeholder="All categories"
              data={[...activityCategories]}
              value={search.category?.split(',') ?? []}
              onChange={(v) =>
                change({ category: v.length ? v.join(',') : undefined, ...clearPick })
              }
              clearable
            />
          </Group>
        </Group>
        {timeline.isError ? (
          <ErrorState
            error={timeline.error}
            title="The timeline could not be loaded"
            onRetry={() => void timeline.refetch()}
          />
        ) : !timeline.data ? (
          <Group justify="center" h={300}>
            <Loader size="sm" />
          </Group>
        ) : (
          <>
            <Text size="xs" c="dimmed" mb={4}>
              {timeline.data.from.slice(0, 16).replace('T', ' ')} –{' '}
              {timeline.data.to.slice(0, 16).replace('T', ' ')} UTC ·{' '}
              {timeline.data.granularity === 'event'
                ? 'each event'
                : `per ${timeline.data.granularity}`}
              {timeline.data.truncated ? ' · only the first 5,000 events are drawn' : ''}
              {' · drag across the chart to zoom, click a bubble to list its events'}
            </Text>
            <TimelineChart timeline={timeline.data} onPick={pick} onZoom={zoom} />
          </>
        )}
      </Paper>

      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={3} size="h4">
              Activity events
            </Title>
            <Text size="sm" c="dimmed" aria-live="polite">
              {total.data ? totalText(total.data, 'event', 'events') : ''}
            </Text>
            {picked && (
              <Group gap={2} className="pick-chip">
                <Text size="xs">
                  {search.ecategory} · {search.efrom?.slice(0, 16).replace('T', ' ')} –{' '}
                  {search.eto?.slice(0, 16).replace('T', ' ')}
                </Text>
                <CloseButton
                  size="xs"
                  aria-label="Show the whole window"
                  onClick={() => change(clearPick)}
                />
              </Group>
            )}
          </Group>
          <Group gap="xs">
            {me.data && access?.canKeepViews && (
              <ViewPicker
                kind="activities"
                currentId={search.view}
                settings={() => activityViewSettings(search, columns.cols)}
                meId={me.data.account.id}
                isAdmin={access.isAdmin}
                onApply={(v) => {
                  const next = searchOfActivityView(v);
                  if (next.cols) columns.remember(next.cols);
                  change(next);
                }}
              />
            )}
            <TextInput
              key={`type-${search.activityType ?? ''}`}
              size="xs"
              aria-label="Activity type"
              placeholder="Activity type"
              defaultValue={search.activityType ?? ''}
              onBlur={(e) => change({ activityType: e.currentTarget.value.trim() || undefined })}
            />
            <TextInput
              key={`indicator-${search.indicator ?? ''}`}
              size="xs"
              aria-label="Indicator"
              placeholder="Indicator"
              defaultValue={search.indicator ?? ''}
              onBlur={(e) => change({ indicator: e.currentTarget.value.trim() || undefined })}
            />
            <Select
              size="xs"
              w={140}
              aria-label="Reviewed"
              data={[
                { value: 'any', label: 'Reviewed or not' },
                { value: 'false', label: 'Not reviewed' },
                { value: 'true', label: 'Reviewed' },
              ]}
              value={search.reviewed ?? 'any'}
              onChange={(v) => change({ reviewed: v === 'true' || v === 'false' ? v : undefined })}
              allowDeselect={false}
            />
            <ColumnPicker
              cols={columns.cols}
              onChange={(cols) => {
                columns.remember(cols);
                props.onChange({ cols });
              }}
              all={activityColumns}
              defaults={defaultActivityColumnKeys}
            />
          </Group>
        </Group>
        {canReview && selected.size > 0 && (
          <Group gap="xs">
            <Text size="sm">{selected.size} selected</Text>
            <Button
              size="xs"
              loading={review.isPending}
              onClick={() =>
                review.mutate(
                  { ids: [...selected], reviewed: true },
                  { onSuccess: () => setSelected(new Set()) },
                )
              }
            >
              Mark reviewed
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() =>
                review.mutate(
                  { ids: [...selected], reviewed: false },
                  { onSuccess: () => setSelected(new Set()) },
                )
              }
            >
              Mark unreviewed
            </Button>
          </Group>
        )}
        <QueueBody
          list={list}
          noun="activity events"
          empty={
            list.data?.items.length === 0 ? (
              <EmptyState title="No activity events">
                No event of this subject matches the window and filters.
              </EmptyState>
            ) : null
          }
        >
          <ActivityTable
            events={list.data?.items ?? []}
            shown={shown}
            sort={sort}
            order={order}
            onSort={(field) => change(nextSort(search, 'occurredAt', field))}
            selected={selected}
            onSelect={(ids, on) =>
              setSelected((prev) => {
                const next = new Set(prev);
                for (const id of ids)
                  if (on) next.add(id);
                  else next.delete(id);
                return next;
              })
            }
            selectable={canReview}
            openId={search.event}
            onOpen={(id) => props.onChange({ event: id })}
          />
          <Group justify="flex-end" mt="xs">
            <PageButtons
              cursors={cursors}
              setCursors={setCursors}
              nextCursor={list.data?.nextCursor}
            />
          </Group>
        </QueueBody>
      </Stack>
      <ActivityDetailPane
        subjectId={subjectId}
        id={search.event}
        onClose={() => props.onChange({ event: undefined })}
      />
    </Stack>
  );
}

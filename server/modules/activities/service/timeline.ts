import type { ActivityCategory } from '../../../../contract/activities.ts';
import {
  MAX_TIMELINE_EVENTS,
  type Timeline,
  type TimelineBucket,
  type TimelineGranularity,
  type TimelineQuery,
} from '../../../../contract/activity-timeline.ts';
import type { Ctx } from '../../../context.ts';
import { invalidInput } from '../../../lib/errors.ts';
import { getSubject } from '../../subjects/index.ts';
import { presentTimelineEvent } from '../activities.presenter.ts';
import * as repo from '../activities.repo.ts';
import * as events from '../events.repo.ts';
import { MAX_WINDOW_DAYS } from './activity-days.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Up to this wide a window answers each event; up to the next, hourly buckets; else days. */
const EVENT_WINDOW_MS = 3 * DAY_MS;
const HOUR_WINDOW_MS = 31 * DAY_MS;

const iso = (t: number) => new Date(t).toISOString();
const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;

/** Which granularity a window is answered in. */
export function granularityOf(fromMs: number, toMs: number): TimelineGranularity {
  const span = toMs - fromMs;
  return span <= EVENT_WINDOW_MS ? 'event' : span <= HOUR_WINDOW_MS ? 'hour' : 'day';
}

/**
 * A subject's activity over a window, for the timeline chart: each event (narrow windows, up
 * to 5,000, with sequences) or buckets per UTC hour or day and category, and the running count
 * of exfiltration events. Daily buckets of the whole history come from the rollup; hourly and
 * case-scoped ones are counted from the events. Throws forbidden for guests, not_found,
 * invalid_input for a reversed or too wide window.
 */
export async function getTimeline(
  ctx: Ctx,
  subjectId: number,
  q: TimelineQuery,
): Promise<Timeline> {
  await getSubject(ctx, subjectId);
  const toMs = Date.parse(q.to ?? ctx.clock.now().toISOString());
  const fromMs = q.from !== undefined ? Date.parse(q.from) : toMs - 90 * DAY_MS;
  if (fromMs >= toMs || toMs - fromMs > MAX_WINDOW_DAYS * DAY_MS)
    throw invalidInput('The window is not valid', [
      {
        path: 'query.from',
        message:
          fromMs >= toMs
            ? 'is not before `to`'
            : `the window is wider than ${MAX_WINDOW_DAYS} days`,
      },
    ]);
  const granularity = granularityOf(fromMs, toMs);
  const ws = ctx.actor.workspaceId;
  const filter: events.EventFilter = {
    subjectId,
    categories: q.category,
    caseNumber: q.scope === 'case' ? q.case : undefined,
  };

  if (granularity === 'event') {
    const from = iso(fromMs);
    const to = iso(toMs);
    const rows = await events.timelineEvents(
      ctx.db,
      ws,
      { ...filter, from, to },
      MAX_TIMELINE_EVENTS + 1,
    );
    const truncated = rows.length > MAX_TIMELINE_EVENTS;
    const shown = rows.slice(0, MAX_TIMELINE_EVENTS).map(presentTimelineEvent);
    const sequences = new Map<string, number[]>();
    for (const e of shown)
      if (e.sequenceId !== null)
        sequences.set(e.sequenceId, [...(sequences.get(e.sequenceId) ?? []), e.id]);
    let total = 0;
    const exfiltration = shown
      .filter((e) => e.category === 'exfiltration')
      .map((e) => ({ at: e.occurredAt, total: (total += 1) }));
    return {
      from,
      to,
      granularity,
      buckets: [],
      events: shown,
      truncated,
      sequences: [...sequences]
        .filter(([, ids]) => ids.length > 1)
        .map(([sequenceId, eventIds]) => ({ sequenceId, eventIds })),
      exfiltration,
    };
  }

  const unit = granularity === 'hour' ? HOUR_MS : DAY_MS;
  const from = iso(floorTo(fromMs, unit));
  const to = iso(ceilTo(toMs, unit));
  const buckets =
    granularity === 'day' && q.scope === 'all'
      ? await rollupBuckets(ctx, subjectId, from, to, q.category)
      : await countedBuckets(ctx, { ...filter, from, to }, granularity);
  let total = 0;
  const exfiltration = buckets
    .filter((b) => b.category === 'exfiltration')
    .map((b) => ({ at: b.start, total: (total += b.count) }));
  return {
    from,
    to,
    granularity,
    buckets,
    events: [],
    truncated: false,
    sequences: [],
    exfiltration,
  };
}

/** Daily buckets from the stored rollup rows of the window (days from `from` until `to`). */
async function rollupBuckets(
  ctx: Ctx,
  subjectId: number,
  from: string,
  to: string,
  categories: readonly ActivityCategory[] | undefined,
): Promise<TimelineBucket[]> {
  const lastDay = iso(Date.parse(to) - DAY_MS).slice(0, 10);
  const rows = await repo.listDayTotals(
    ctx.db,
    ctx.actor.workspaceId,
    subjectId,
    from.slice(0, 10),
    lastDay,
  );
  return rows
    .filter((r) => !categories?.length || categories.includes(r.category as ActivityCategory))
    .map((r) => {
      const start = Date.parse(`${r.day}T00:00:00Z`);
      return {
        start: iso(start),
        end: iso(start + DAY_MS),
        category: r.category as ActivityCategory,
        count: Number(r.eventCount),
        maxScore: Number(r.maxScore),
        scoreSum: Number(r.scoreSum),
      };
    });
}

/** Hourly or daily buckets counted from the events themselves. */
async function countedBuckets(
  ctx: Ctx,
  filter: events.EventFilter,
  granularity: 'hour' | 'day',
): Promise<TimelineBucket[]> {
  const rows = await events.bucketEvents(ctx.db, ctx.actor.workspaceId, filter, granularity);
  const unit = granularity === 'hour' ? HOUR_MS : DAY_MS;
  return rows.map((r) => {
    const start = Date.parse(
      granularity === 'hour' ? `${r.bucket}:00:00Z` : `${r.bucket}T00:00:00Z`,
    );
    return {
      start: iso(start),
      end: iso(start + unit),
      category: r.category as ActivityCategory,
      count: Number(r.count),
      maxScore: Number(r.maxScore),
      scoreSum: Number(r.scoreSum),
    };
  });
}

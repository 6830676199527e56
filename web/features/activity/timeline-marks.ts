import type uPlot from 'uplot';
import type { Timeline } from '../../api.ts';
import type { Category } from './activity-search.ts';

/** What a click on a bubble selects in the explorer: exactly the events the bubble stands for. */
export interface MarkPick {
  from: string;
  to: string;
  category: Category;
  /** For an event's bubble: the event, opened in the detail pane. */
  eventId?: number;
}

/** One bubble of the chart. `t` is in seconds, as uPlot's time scale counts. */
export interface Mark {
  t: number;
  score: number;
  count: number;
  category: Category;
  sequenceId: string | null;
  label: string;
  detail: string;
  pick: MarkPick;
}

const when = (iso: string, hour: boolean) =>
  hour ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(0, 10);

/** The chart's bubbles: each event, or each bucket (by category), in time order. */
export function marksOf(t: Timeline): Mark[] {
  if (t.granularity === 'event')
    return t.events.map((e) => ({
      t: Date.parse(e.occurredAt) / 1000,
      score: e.riskScore,
      count: 1,
      category: e.category,
      sequenceId: e.sequenceId,
      label: `${e.activityType} · ${e.category}`,
      detail: `${when(e.occurredAt, true)} · risk ${e.riskScore}${e.sequenceId ? ` · sequence ${e.sequenceId}` : ''}`,
      pick: {
        from: e.occurredAt,
        // One millisecond on: the explorer's `to` is exclusive.
        to: new Date(Date.parse(e.occurredAt) + 1).toISOString(),
        category: e.category,
        eventId: e.id,
      },
    }));
  const hourly = t.granularity === 'hour';
  return t.buckets.map((b) => ({
    t: Date.parse(b.start) / 1000,
    score: b.maxScore,
    count: b.count,
    category: b.category,
    sequenceId: null,
    label: `${b.count} ${b.category} event${b.count === 1 ? '' : 's'}`,
    detail: `${when(b.start, hourly)}${hourly ? '' : ' (UTC day)'} · highest risk ${b.maxScore} · average ${Math.round(b.scoreSum / b.count)}`,
    pick: { from: b.start, to: b.end, category: b.category },
  }));
}

/** A bubble's radius in CSS pixels: its area grows with the count, up to a cap. */
export const radiusOf = (count: number) => Math.min(18, 3 + 2 * Math.sqrt(count));

/** The bubble under the cursor (CSS pixels in the plot area), if any; the smallest wins. */
export function nearestMark(u: uPlot, marks: Mark[], left: number, top: number): Mark | null {
  let best: Mark | null = null;
  let bestDistance = Infinity;
  for (const m of marks) {
    const dx = u.valToPos(m.t, 'x') - left;
    const dy = u.valToPos(m.score, 'y') - top;
    const d = Math.hypot(dx, dy);
    if (d <= radiusOf(m.count) + 3 && d < bestDistance) {
      best = m;
      bestDistance = d;
    }
  }
  return best;
}

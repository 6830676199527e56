/**
 * The per-day rollup of activity events, merged in memory: the batch's events are folded into
 * the stored rows of the days they fall on. Pure; the ingestion reads the affected rows, merges
 * here and writes the results back in the same transaction.
 */

export interface IndicatorStat {
  name: string;
  count: number;
  maxScore: number;
}

export interface DayRollup {
  subjectId: number;
  day: string;
  category: string;
  eventCount: number;
  maxScore: number;
  scoreSum: number;
  indicators: IndicatorStat[];
}

export interface RolledEvent {
  subjectId: number;
  occurredAt: string;
  category: string;
  riskScore: number;
  indicators: ReadonlyArray<{ name: string; score: number }>;
}

/** Indicators kept per day and category. */
export const TOP_INDICATORS = 10;

export const dayOf = (instant: string): string => instant.slice(0, 10);
export const rollupKey = (r: { subjectId: number; day: string; category: string }): string =>
  `${r.subjectId}|${r.day}|${r.category}`;

const byWeight = (a: IndicatorStat, b: IndicatorStat) =>
  b.count - a.count || b.maxScore - a.maxScore || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Folds `events` into `stored` (the rows of their keys that exist) and answers every row the
 * events touched, merged. Only the top indicators survive a merge: one that was cut from a
 * stored row starts counting again from its next event, so counts below the tenth place are a
 * lower bound.
 */
export function mergeRollups(
  stored: ReadonlyMap<string, DayRollup>,
  events: readonly RolledEvent[],
): DayRollup[] {
  const touched = new Map<string, { row: DayRollup; stats: Map<string, IndicatorStat> }>();
  for (const e of events) {
    const day = dayOf(e.occurredAt);
    const key = rollupKey({ subjectId: e.subjectId, day, category: e.category });
    let entry = touched.get(key);
    if (!entry) {
      const before = stored.get(key);
      const row: DayRollup = before
        ? { ...before, indicators: [] }
        : {
            subjectId: e.subjectId,
            day,
            category: e.category,
            eventCount: 0,
            maxScore: 0,
            scoreSum: 0,
            indicators: [],
          };
      const stats = new Map((before?.indicators ?? []).map((i) => [i.name, { ...i }]));
      entry = { row, stats };
      touched.set(key, entry);
    }
    const { row, stats } = entry;
    row.eventCount += 1;
    row.maxScore = Math.max(row.maxScore, e.riskScore);
    row.scoreSum += e.riskScore;
    // An indicator named twice in one event counts once, at its higher score.
    const seen = new Map<string, number>();
    for (const i of e.indicators) seen.set(i.name, Math.max(seen.get(i.name) ?? 0, i.score));
    for (const [name, score] of seen) {
      const s = stats.get(name);
      if (s) {
        s.count += 1;
        s.maxScore = Math.max(s.maxScore, score);
      } else stats.set(name, { name, count: 1, maxScore: score });
    }
  }
  return [...touched.values()].map(({ row, stats }) => ({
    ...row,
    indicators: [...stats.values()].sort(byWeight).slice(0, TOP_INDICATORS),
  }));
}

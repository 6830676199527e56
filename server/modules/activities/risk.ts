/**
 * The subject risk rule (docs/investigation.md): a day's risk is the highest risk score of that
 * day's events, across categories. The subject's risk on day t is the highest, over the days d
 * of the 30 days up to t, of dayMax(d) x weight(t - d), where the weight is 1 for events up to
 * 7 days old and then falls linearly to 0 at 30 days; rounded to an integer. The answer names
 * the day, category and indicators it came from. Pure.
 */

export interface RiskDayRow {
  day: string;
  category: string;
  maxScore: number;
  eventCount: number;
  /** Read only for the day that explains the score: it may be a getter that parses. */
  readonly indicators: ReadonlyArray<{ name: string; count: number; maxScore: number }>;
}

export interface RiskContributor {
  day: string;
  category: string;
  maxScore: number;
  weight: number;
  topIndicators: Array<{ name: string; count: number; maxScore: number }>;
}

export interface RiskAt {
  score: number;
  contributor: RiskContributor | null;
}

/** Days a score keeps its full weight, and the age at which it stops counting. */
export const FULL_WEIGHT_DAYS = 7;
export const WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** The weight of a day `age` days before the day scored: 1 up to 7, 0 from 30, linear between. */
export function riskWeight(age: number): number {
  if (age < 0 || age >= WINDOW_DAYS) return 0;
  if (age <= FULL_WEIGHT_DAYS) return 1;
  return (WINDOW_DAYS - age) / (WINDOW_DAYS - FULL_WEIGHT_DAYS);
}

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayName = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Each day's leading row: its highest score; ties go to more events, then the category name. */
function leadingRows(rows: readonly RiskDayRow[]): Map<number, RiskDayRow> {
  const lead = new Map<number, RiskDayRow>();
  for (const r of rows) {
    const n = dayNumber(r.day);
    const best = lead.get(n);
    const better =
      !best ||
      r.maxScore > best.maxScore ||
      (r.maxScore === best.maxScore &&
        (r.eventCount > best.eventCount ||
          (r.eventCount === best.eventCount && r.category < best.category)));
    if (better) lead.set(n, r);
  }
  return lead;
}

interface Best {
  value: number;
  row: RiskDayRow | null;
  weight: number;
}

function bestOn(lead: Map<number, RiskDayRow>, t: number): Best {
  const best: Best = { value: 0, row: null, weight: 0 };
  // From the most recent day back: of equal values, the most recent day explains the score.
  for (let age = 0; age < WINDOW_DAYS; age += 1) {
    const row = lead.get(t - age);
    if (!row) continue;
    const weight = riskWeight(age);
    const value = row.maxScore * weight;
    if (value > best.value) Object.assign(best, { value, row, weight });
  }
  return best;
}

/** The score and what explains it; only here are the contributor's indicators read. */
function explain({ value, row, weight }: Best): RiskAt {
  if (!row) return { score: 0, contributor: null };
  return {
    score: Math.round(value),
    contributor: {
      day: row.day,
      category: row.category,
      maxScore: row.maxScore,
      weight: Math.round(weight * 1000) / 1000,
      topIndicators: [...row.indicators],
    },
  };
}

/** The risk at the end of `day` (YYYY-MM-DD) from the rollup rows of the 30 days up to it. */
export function riskOn(rows: readonly RiskDayRow[], day: string): RiskAt {
  return explain(bestOn(leadingRows(rows), dayNumber(day)));
}

/**
 * The risk at the end of each of the `days` days ending with `today`, oldest first, and today's
 * with its contributor. `rows` must cover the 29 days before the first day too.
 */
export function riskHistory(
  rows: readonly RiskDayRow[],
  today: string,
  days: number,
): { now: RiskAt; history: Array<{ day: string; score: number }> } {
  const lead = leadingRows(rows);
  const end = dayNumber(today);
  const history = [];
  for (let t = end - days + 1; t <= end; t += 1)
    history.push({ day: dayName(t), score: Math.round(bestOn(lead, t).value) });
  return { now: explain(bestOn(lead, end)), history };
}

/** The first day whose rows the history of `days` days ending `today` needs. */
export const firstRiskDay = (today: string, days: number): string =>
  dayName(dayNumber(today) - days + 1 - (WINDOW_DAYS - 1));

/** The score alone at the end of `today` from each day's highest score (any window covering 30 days). */
export const riskScoreOn = (
  dayMaxima: ReadonlyArray<{ day: string; maxScore: number }>,
  today: string,
): number =>
  riskOn(
    dayMaxima.map((d) => ({ ...d, category: '', eventCount: 0, indicators: [] })),
    today,
  ).score;

/** What one event scored `score` at `occurredAt` adds to the risk on `today`: its weighted score, rounded. */
export const eventRiskOn = (score: number, occurredAt: string, today: string): number =>
  Math.round(score * riskWeight(dayNumber(today) - dayNumber(occurredAt.slice(0, 10))));

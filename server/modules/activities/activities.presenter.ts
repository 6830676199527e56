import type { ActivityCategory, ActivityDay } from '../../../contract/activities.ts';
import type { Selectable } from 'kysely';
import type { SubjectActivityDaysTable } from '../../db/schema.ts';
import type { DayRollup, IndicatorStat } from './rollup.ts';

type DayRow = Selectable<SubjectActivityDaysTable>;

/** A stored rollup row as the merge and the risk rule read it. */
export const rollupOf = (r: DayRow): DayRollup => ({
  subjectId: r.subjectId,
  day: r.day,
  category: r.category,
  eventCount: Number(r.eventCount),
  maxScore: Number(r.maxScore),
  scoreSum: Number(r.scoreSum),
  indicators: JSON.parse(r.indicators) as IndicatorStat[],
});

export const presentDay = (r: DayRollup): ActivityDay => ({
  day: r.day,
  category: r.category as ActivityCategory,
  eventCount: r.eventCount,
  maxScore: r.maxScore,
  scoreSum: r.scoreSum,
  indicators: r.indicators,
});

import type { ActivityCategory, ActivityDay, Indicator } from '../../../contract/activities.ts';
import type { ActivityDetail, ActivityListItem } from '../../../contract/activity-explorer.ts';
import type { TimelineEvent } from '../../../contract/activity-timeline.ts';
import type { Selectable } from 'kysely';
import type { ActivityEventsTable, SubjectActivityDaysTable } from '../../db/schema.ts';
import type { EventListRow } from './events.repo.ts';
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

/** An event as the timeline draws it. */
export const presentTimelineEvent = (r: {
  id: number;
  occurredAt: string;
  category: string;
  activityType: string;
  riskScore: number;
  sequenceId: string | null;
  alertId: number | null;
}): TimelineEvent => ({
  id: r.id,
  occurredAt: r.occurredAt,
  category: r.category as ActivityCategory,
  activityType: r.activityType,
  riskScore: Number(r.riskScore),
  sequenceId: r.sequenceId,
  alertId: r.alertId,
});

const reviewerOf = (r: { reviewedBy: number | null; reviewerName: string | null }) =>
  r.reviewedBy !== null ? { id: r.reviewedBy, name: r.reviewerName ?? '' } : null;

/** An event as the explorer lists it. */
export const presentActivity = (r: EventListRow): ActivityListItem => ({
  id: r.id,
  subjectId: r.subjectId,
  occurredAt: r.occurredAt,
  category: r.category as ActivityCategory,
  activityType: r.activityType,
  riskScore: Number(r.riskScore),
  indicators: JSON.parse(r.indicators) as Indicator[],
  sequenceId: r.sequenceId,
  objectName: r.objectName,
  sensitivityLabel: r.sensitivityLabel,
  alertId: r.alertId,
  reviewedAt: r.reviewedAt,
  reviewedBy: reviewerOf(r),
});

/** An event with every field and its raw payload, for the detail pane. */
export const presentActivityDetail = (
  r: Selectable<ActivityEventsTable> & { reviewerName: string | null },
  access: ActivityDetail['access'],
  subject: ActivityDetail['subject'],
): ActivityDetail => ({
  ...presentActivity(r),
  subject,
  source: r.source,
  externalId: r.externalId,
  receivedAt: r.receivedAt,
  object: r.object === null ? null : (JSON.parse(r.object) as Record<string, unknown>),
  payload: JSON.parse(r.payload) as unknown,
  access,
});

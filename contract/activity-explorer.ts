import { z } from 'zod';
import { ActivityCategory, Indicator } from './activities.ts';
import { SubjectRef } from './subjects.ts';
import { needsCase, scopeFields } from './activity-timeline.ts';
import {
  CountQuery,
  csv,
  Cursor,
  countedPage,
  Id,
  Instant,
  InstantOut,
  Limit,
  QueryBool,
  QueryId,
} from './common.ts';

export const ActivitySort = z.enum(['occurredAt', 'riskScore']);
export type ActivitySort = z.infer<typeof ActivitySort>;

const activityFilters = {
  from: Instant.optional().describe('Events at or after this time'),
  to: Instant.optional().describe('Events before this time'),
  ...scopeFields,
  category: csv(ActivityCategory),
  activityType: csv(z.string().min(1).max(100)),
  indicator: z.string().min(1).max(100).optional().describe('Events carrying this indicator'),
  reviewed: QueryBool.describe('Only reviewed (true) or unreviewed (false) events'),
  alert: QueryId.optional().describe('Events linked to this alert'),
  sort: ActivitySort.default('occurredAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
};
export const ListActivitiesQuery = z
  .strictObject({ ...activityFilters, limit: Limit, cursor: Cursor, total: CountQuery })
  .refine(needsCase, { message: 'scope=case needs a case number', path: ['case'] });
/** The explorer's filters and sort without paging: every matching event, as CSV. */
export const ExportActivitiesQuery = z
  .strictObject(activityFilters)
  .refine(needsCase, { message: 'scope=case needs a case number', path: ['case'] });
export type ExportActivitiesQuery = z.infer<typeof ExportActivitiesQuery>;
export type ListActivitiesQuery = z.infer<typeof ListActivitiesQuery>;

export const Reviewer = z.object({ id: z.number().int(), name: z.string() });

export const ActivityListItem = z.object({
  id: z.number().int(),
  subjectId: z.number().int(),
  occurredAt: InstantOut,
  category: ActivityCategory,
  activityType: z.string(),
  riskScore: z.number().int(),
  indicators: z.array(Indicator),
  sequenceId: z.string().nullable(),
  objectName: z.string().nullable(),
  sensitivityLabel: z.string().nullable(),
  alertId: z.number().int().nullable(),
  reviewedAt: InstantOut.nullable(),
  reviewedBy: Reviewer.nullable().describe('Who marked it reviewed'),
});
export type ActivityListItem = z.infer<typeof ActivityListItem>;
const OfSubject = SubjectRef.describe(
  'The person the events are of (pseudonymised as everywhere; object names and payloads are rewritten with them)',
);
export const ActivityPage = countedPage(ActivityListItem).extend({ subject: OfSubject });
export type ActivityPage = z.infer<typeof ActivityPage>;

export const ActivityDetail = ActivityListItem.extend({
  subject: OfSubject,
  source: z.string(),
  externalId: z.string(),
  receivedAt: InstantOut,
  object: z.record(z.string(), z.unknown()).nullable().describe('What the activity touched'),
  payload: z.unknown().describe('The raw event as the source sent it'),
  access: z.object({ canReview: z.boolean().describe('May mark it reviewed or unreviewed') }),
});
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const ReviewActivity = z.strictObject({
  reviewed: z.boolean().describe('true marks it reviewed, false unreviewed'),
});
export const ReviewActivities = z.strictObject({
  ids: z.array(Id).min(1).max(500),
  reviewed: z.boolean(),
});
export type ReviewActivities = z.infer<typeof ReviewActivities>;
export const ReviewOutcome = z.object({
  changed: z.array(z.number().int()).describe('The events whose mark changed'),
});
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

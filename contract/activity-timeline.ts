import { z } from 'zod';
import { ActivityCategory } from './activities.ts';
import { csv, Instant, InstantOut } from './common.ts';

export const ActivityScope = z
  .enum(['all', 'case'])
  .describe(
    "all: the subject's whole history. case: the events linked to the alerts a case covers",
  );
export type ActivityScope = z.infer<typeof ActivityScope>;

/** Events at most this many in one timeline answer; past them it says `truncated`. */
export const MAX_TIMELINE_EVENTS = 5000;

/** The scope fields shared by the timeline and the explorer: `case` is needed with scope=case. */
export const scopeFields = {
  scope: ActivityScope.default('all'),
  case: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .optional()
    .describe('The case number, with scope=case'),
};
export const needsCase = (q: { scope: ActivityScope; case?: number | undefined }) =>
  q.scope !== 'case' || q.case !== undefined;
const caseRule = { message: 'scope=case needs a case number', path: ['case'] };

export const TimelineQuery = z
  .strictObject({
    from: Instant.optional().describe(
      'Start of the window, inclusive; defaults to 90 days before `to`',
    ),
    to: Instant.optional().describe('End of the window, exclusive; defaults to now'),
    ...scopeFields,
    category: csv(ActivityCategory).describe('Only these categories'),
  })
  .refine(needsCase, caseRule);
export type TimelineQuery = z.infer<typeof TimelineQuery>;

export const TimelineGranularity = z
  .enum(['event', 'hour', 'day'])
  .describe(
    'event: each event of a window of up to 3 days. hour: buckets per UTC hour up to 31 days. day: buckets per UTC day',
  );
export type TimelineGranularity = z.infer<typeof TimelineGranularity>;

export const TimelineBucket = z
  .object({
    start: InstantOut.describe('Start of the bucket, inclusive'),
    end: InstantOut.describe('End of the bucket, exclusive'),
    category: ActivityCategory,
    count: z.number().int().describe('Events of the bucket and category'),
    maxScore: z.number().int().describe('Their highest risk score'),
    scoreSum: z.number().int().describe('The sum of their risk scores'),
  })
  .describe('The events of one hour or day and one category');
export type TimelineBucket = z.infer<typeof TimelineBucket>;

export const TimelineEvent = z.object({
  id: z.number().int(),
  occurredAt: InstantOut,
  category: ActivityCategory,
  activityType: z.string(),
  riskScore: z.number().int(),
  sequenceId: z.string().nullable(),
  alertId: z.number().int().nullable(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const Timeline = z.object({
  from: InstantOut.describe('The window answered (day buckets widen it to whole UTC days)'),
  to: InstantOut,
  granularity: TimelineGranularity,
  buckets: z.array(TimelineBucket).describe('By start and category; empty with granularity event'),
  events: z
    .array(TimelineEvent)
    .describe('With granularity event: the events in time order, at most 5,000'),
  truncated: z.boolean().describe('true when the window held more events than were answered'),
  sequences: z
    .array(z.object({ sequenceId: z.string(), eventIds: z.array(z.number().int()) }))
    .describe('With granularity event: the events sharing a sequence id, in time order'),
  exfiltration: z
    .array(z.object({ at: InstantOut, total: z.number().int() }))
    .describe('The running count of exfiltration events at each bucket or event that adds to it'),
});
export type Timeline = z.infer<typeof Timeline>;

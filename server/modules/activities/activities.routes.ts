import { z } from 'zod';
import {
  ActivityDays,
  ActivityDaysQuery,
  ActivityIngestResult,
  IngestActivities,
  SubjectRisk,
  SubjectRiskQuery,
} from '../../../contract/activities.ts';
import {
  ActivityDetail,
  ActivityPage,
  ExportActivitiesQuery,
  ListActivitiesQuery,
  ReviewActivities,
  ReviewActivity,
  ReviewOutcome,
} from '../../../contract/activity-explorer.ts';
import { Timeline, TimelineQuery } from '../../../contract/activity-timeline.ts';
import { IdParam } from '../../../contract/common.ts';
import type { Config } from '../../config.ts';
import { defineRoute } from '../../http/route.ts';
import { sendCsv } from '../../http/send-csv.ts';
import { listActivityDays } from './service/activity-days.ts';
import { exportActivities } from './service/export-activities.ts';
import { ingestActivities } from './service/ingest-activities.ts';
import { listActivities } from './service/list-activities.ts';
import { getActivity, reviewActivities } from './service/review-activities.ts';
import { getSubjectRisk } from './service/subject-risk.ts';
import { getTimeline } from './service/timeline.ts';

const tag = 'Activity events';

/** Activity ingestion (its body limit and time skew from config) and the subject's rollups. */
export function activitiesRoutes(config: Config) {
  const limits = { futureSkewMinutes: config.ingestFutureSkewMinutes };
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/activities',
      operationId: 'ingestActivities',
      summary:
        'Ingest one scored activity event, or a batch of up to 5,000 as `{ activities: [...] }`',
      description:
        'Idempotent on (source, externalId): a redelivered event counts as a duplicate and changes nothing. A batch with any invalid event is refused whole, with one detail per problem (`body.activities.3.riskScore`), and nothing is stored. An `alertId` or `alertExternalId` must name an alert already stored in the workspace: send the alert first. Needs the alerts.ingest permission (the Ingestion service role).',
      tag,
      auth: 'any',
      bodyLimit: config.ingestBodyLimitBytes,
      body: IngestActivities,
      response: { status: 200, schema: ActivityIngestResult },
      errors: [413],
      handler: ({ ctx, body }) => ingestActivities(ctx, body.activities, limits),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/subjects/:id/risk',
      operationId: 'getSubjectRisk',
      summary: "A subject's risk score from its activity, what it comes from, and its history",
      description:
        "A day's risk is the highest risk score of its events; the score on a day is the highest of the last 30 days' risks, each weighted 1 up to 7 days old and then down to 0 at 30 days (docs/investigation.md).",
      tag,
      auth: 'any',
      params: IdParam,
      query: SubjectRiskQuery,
      response: { status: 200, schema: SubjectRisk },
      handler: ({ ctx, params, query }) => getSubjectRisk(ctx, params.id, query.days),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/subjects/:id/activity-days',
      operationId: 'listSubjectActivityDays',
      summary:
        "A subject's activity per day and category (count, highest and sum of scores, top indicators)",
      tag,
      auth: 'any',
      params: IdParam,
      query: ActivityDaysQuery,
      response: { status: 200, schema: ActivityDays },
      handler: ({ ctx, params, query }) => listActivityDays(ctx, params.id, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/subjects/:id/timeline',
      operationId: 'getSubjectTimeline',
      summary: "A subject's activity over a window, for the timeline chart",
      description:
        'Windows up to 3 days answer each event (at most 5,000, then `truncated`) and the sequences among them; up to 31 days, buckets per UTC hour and category; wider, per UTC day (from the daily rollup for the whole history). Each bucket counts exactly the events the explorer lists for the same window (`start`, `end`), category and scope. `scope=case&case=N` keeps the events linked to the alerts case N covers.',
      tag,
      auth: 'any',
      params: IdParam,
      query: TimelineQuery,
      response: { status: 200, schema: Timeline },
      handler: ({ ctx, params, query }) => getTimeline(ctx, params.id, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/subjects/:id/activities/export',
      operationId: 'exportSubjectActivities',
      summary:
        "A subject's activity events with the explorer's filters and sort, every page, as CSV",
      description:
        'RFC 4180, every cell quoted; a cell a spreadsheet would read as a formula (=, +, -, @, tab, CR) starts with an apostrophe. A pseudonymised subject stays pseudonymised, in object names too.',
      tag,
      auth: 'any',
      params: IdParam,
      query: ExportActivitiesQuery,
      response: {
        status: 200,
        schema: z.string().describe('CSV'),
        mediaType: 'text/csv',
        description: 'The CSV text',
      },
      handler: async ({ ctx, params, query, reply }) =>
        sendCsv(reply, 'activity.csv', await exportActivities(ctx, params.id, query)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/subjects/:id/activities',
      operationId: 'listSubjectActivities',
      summary: "A subject's activity events, filtered and sorted, one page at a time",
      description:
        '`from` is inclusive and `to` exclusive, as in the timeline. `indicator` keeps the events carrying that indicator; `reviewed=false` those not yet marked reviewed.',
      tag,
      auth: 'any',
      params: IdParam,
      query: ListActivitiesQuery,
      response: { status: 200, schema: ActivityPage },
      handler: ({ ctx, params, query }) => listActivities(ctx, params.id, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/activities/:id',
      operationId: 'getActivity',
      summary: 'One activity event with every field and its raw payload',
      tag,
      auth: 'any',
      params: IdParam,
      response: { status: 200, schema: ActivityDetail },
      handler: ({ ctx, params }) => getActivity(ctx, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/activities/:id/review',
      operationId: 'reviewActivity',
      summary: 'Mark one activity event reviewed or unreviewed',
      description: 'Needs the right to triage alerts or manage cases; audited.',
      tag,
      auth: 'any',
      params: IdParam,
      body: ReviewActivity,
      response: { status: 200, schema: ActivityDetail },
      handler: async ({ ctx, params, body }) => {
        await reviewActivities(ctx, [params.id], body.reviewed);
        return getActivity(ctx, params.id);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/activities/review',
      operationId: 'reviewActivities',
      summary: 'Mark up to 500 activity events reviewed or unreviewed',
      description:
        'All or nothing: an id that names no event of the workspace refuses the request (404). Events already so marked are left as they are; `changed` lists the others.',
      tag,
      auth: 'any',
      body: ReviewActivities,
      response: { status: 200, schema: ReviewOutcome },
      handler: ({ ctx, body }) => reviewActivities(ctx, body.ids, body.reviewed),
    }),
  ];
}

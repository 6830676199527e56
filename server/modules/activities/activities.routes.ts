import {
  ActivityDays,
  ActivityDaysQuery,
  ActivityIngestResult,
  IngestActivities,
  SubjectRisk,
  SubjectRiskQuery,
} from '../../../contract/activities.ts';
import { IdParam } from '../../../contract/common.ts';
import type { Config } from '../../config.ts';
import { defineRoute } from '../../http/route.ts';
import { listActivityDays } from './service/activity-days.ts';
import { ingestActivities } from './service/ingest-activities.ts';
import { getSubjectRisk } from './service/subject-risk.ts';

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
  ];
}

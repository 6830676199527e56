import { z } from 'zod';
import {
  AlertBulkOutcome,
  AlertDetail,
  AlertMapping,
  AlertMappingParams,
  AlertPage,
  BulkConfirmAlerts,
  BulkDismissAlerts,
  ConfirmAlert,
  DismissAlert,
  AlertSources,
  DismissalCounts,
  IngestAlerts,
  IngestFormatBody,
  IngestFormatParams,
  IngestFormatQuery,
  IngestResult,
  ListAlertsQuery,
  PutAlertMapping,
} from '../../../contract/alerts.ts';
import { IdParam } from '../../../contract/common.ts';
import type { Config } from '../../config.ts';
import { defineRoute } from '../../http/route.ts';
import { sendCsv } from '../../http/send-csv.ts';
import { exportAlerts } from './service/export-alerts.ts';
import { bulkConfirmAlerts, bulkDismissAlerts, countDismissals } from './service/bulk-triage.ts';
import { ingestAlerts, type StoreAlertActivities } from './service/ingest-alerts.ts';
import { ingestFormat } from './service/ingest-format.ts';
import { getAlert, listAlerts, listAlertSources } from './service/list-alerts.ts';
import { getAlertMapping, putAlertMapping } from './service/mappings.ts';
import { confirmAlert, dismissAlert } from './service/triage-alert.ts';

const tag = 'Alerts';

/** The alert routes; ingestion takes its body limit and correlation settings from config. */
export function alertRoutes(
  config: Config,
  { storeActivities }: { storeActivities?: StoreAlertActivities } = {},
) {
  const settings = {
    windowHours: config.correlationWindowHours,
    maxAlerts: config.correlationMaxAlerts,
    futureSkewMinutes: config.ingestFutureSkewMinutes,
  };
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/alerts',
      operationId: 'ingestAlerts',
      summary: 'Ingest one alert, or a batch of up to 1,000 as `{ alerts: [...] }`',
      description:
        'Idempotent on (source, externalId): a redelivered alert answers its existing id with `created: false`. A batch with any invalid alert is refused whole, with one detail per problem (`body.alerts.3.severity`), and nothing is stored. Needs the alerts.ingest permission (the Ingestion service role).',
      tag,
      auth: 'any',
      bodyLimit: config.ingestBodyLimitBytes,
      body: IngestAlerts,
      response: { status: 200, schema: IngestResult },
      errors: [413],
      handler: ({ ctx, body }) => ingestAlerts(ctx, body.alerts, { ...settings, storeActivities }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/alerts/ingest/:format',
      operationId: 'ingestAlertsInFormat',
      summary: 'Ingest alerts in OCSF, Microsoft Graph, Elastic Security or a mapped generic JSON',
      description:
        '`ocsf`: Detection Finding (class_uid 2004) objects. `graph`: Microsoft Graph security alerts (v2), or a `{ value: [...] }` list. `elastic`: Elastic Security alert documents, or a search response. `generic`: any JSON, read through the mapping stored for `source`. Same idempotency and all-or-nothing rules as POST /alerts.',
      tag,
      auth: 'any',
      bodyLimit: config.ingestBodyLimitBytes,
      params: IngestFormatParams,
      query: IngestFormatQuery,
      body: IngestFormatBody,
      response: { status: 200, schema: IngestResult },
      errors: [413],
      handler: ({ ctx, params, query, body }) =>
        ingestFormat(ctx, params.format, query.source, body, settings),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/alerts/export',
      operationId: 'exportAlerts',
      summary: 'The alerts queue with the same filters and sort, every page, as CSV',
      description:
        'RFC 4180, every cell quoted; a cell a spreadsheet would read as a formula (=, +, -, @, tab, CR) starts with an apostrophe. Subjects appear as the caller sees them: pseudonyms stay pseudonyms.',
      tag,
      auth: 'any',
      query: ListAlertsQuery.omit({ limit: true, cursor: true, total: true }),
      response: {
        status: 200,
        schema: z.string().describe('CSV'),
        mediaType: 'text/csv',
        description: 'The CSV text',
      },
      handler: async ({ ctx, query, reply }) =>
        sendCsv(reply, 'alerts.csv', await exportAlerts(ctx, query)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/alerts',
      operationId: 'listAlerts',
      summary: 'The alerts queue: filter, search, sort, page',
      tag,
      auth: 'any',
      query: ListAlertsQuery,
      response: { status: 200, schema: AlertPage },
      handler: ({ ctx, query }) => listAlerts(ctx, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/alerts/bulk-confirm',
      operationId: 'bulkConfirmAlerts',
      summary: 'Confirm many alerts into one existing or new case, with an outcome per alert',
      description:
        'One transaction: a new case is opened only when at least one alert is confirmed. An alert already triaged is reported as `conflict` and a missing one as `not_found`, without stopping the others; any other failure stores nothing. Alerts confirmed into a closed case are resolved at once.',
      tag,
      auth: 'any',
      body: BulkConfirmAlerts,
      response: { status: 200, schema: AlertBulkOutcome },
      handler: ({ ctx, body }) => bulkConfirmAlerts(ctx, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/alerts/bulk-dismiss',
      operationId: 'bulkDismissAlerts',
      summary: 'Dismiss many alerts with one category and reason, with an outcome per alert',
      tag,
      auth: 'any',
      body: BulkDismissAlerts,
      response: { status: 200, schema: AlertBulkOutcome },
      handler: ({ ctx, body: { alertIds, ...input } }) => bulkDismissAlerts(ctx, alertIds, input),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/alerts/dismissal-counts',
      operationId: 'countAlertDismissals',
      summary: 'How many alerts were dismissed in each category',
      tag,
      auth: 'any',
      response: { status: 200, schema: DismissalCounts },
      handler: ({ ctx }) => countDismissals(ctx),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/alerts/sources',
      operationId: 'listAlertSources',
      summary: 'The sources alerts came from, for filters',
      tag,
      auth: 'any',
      response: { status: 200, schema: AlertSources },
      handler: ({ ctx }) => listAlertSources(ctx),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/alerts/:id',
      operationId: 'getAlert',
      summary: 'One alert with its entities, events and raw payload',
      tag,
      auth: 'any',
      params: IdParam,
      response: { status: 200, schema: AlertDetail },
      handler: ({ ctx, params }) => getAlert(ctx, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/alerts/:id/confirm',
      operationId: 'confirmAlert',
      summary: 'Confirm an alert into an existing case or a new one',
      tag,
      auth: 'any',
      params: IdParam,
      body: ConfirmAlert,
      response: { status: 200, schema: AlertDetail },
      errors: [409],
      handler: ({ ctx, params, body }) => confirmAlert(ctx, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/alerts/:id/dismiss',
      operationId: 'dismissAlert',
      summary: 'Dismiss an alert, with a category and a reason',
      tag,
      auth: 'any',
      params: IdParam,
      body: DismissAlert,
      response: { status: 200, schema: AlertDetail },
      errors: [409],
      handler: ({ ctx, params, body }) => dismissAlert(ctx, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/alert-mappings/:source',
      operationId: 'getAlertMapping',
      summary: "A generic source's field mapping",
      tag,
      auth: 'any',
      params: AlertMappingParams,
      response: { status: 200, schema: AlertMapping },
      handler: ({ ctx, params }) => getAlertMapping(ctx, params.source),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/alert-mappings/:source',
      operationId: 'putAlertMapping',
      summary: "Set a generic source's field mapping: JSON paths to our alert fields",
      tag,
      auth: 'any',
      params: AlertMappingParams,
      body: PutAlertMapping,
      response: { status: 200, schema: AlertMapping },
      handler: ({ ctx, params, body }) => putAlertMapping(ctx, params.source, body),
    }),
  ];
}

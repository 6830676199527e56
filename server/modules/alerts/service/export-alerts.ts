import type { Readable } from 'node:stream';
import type { ListAlertsQuery } from '../../../../contract/alerts.ts';
import type { Ctx } from '../../../context.ts';
import { csvPages, type CsvColumn } from '../../../lib/csv.ts';
import { subjectLens } from '../../subjects/index.ts';
import type { AlertView } from '../alerts.presenter.ts';
import { listAlerts } from './list-alerts.ts';

export type ExportAlertsQuery = Omit<ListAlertsQuery, 'limit' | 'cursor' | 'total'>;

const columns: ReadonlyArray<CsvColumn<AlertView>> = [
  ['id', (a) => a.id],
  ['source', (a) => a.source],
  ['external_id', (a) => a.externalId],
  ['title', (a) => a.title],
  ['severity', (a) => a.severity],
  ['risk_score', (a) => a.riskScore],
  ['status', (a) => a.status],
  ['detected_at', (a) => a.detectedAt],
  ['received_at', (a) => a.receivedAt],
  ['subject', (a) => a.subject?.name],
  ['subject_email', (a) => a.subject?.email],
  ['incident_id', (a) => a.incidentId],
  ['source_status', (a) => a.sourceStatus],
  ['source_severity', (a) => a.sourceSeverity],
  ['triaged_at', (a) => a.triage?.at],
  ['triaged_by', (a) => a.triage?.by?.name],
  ['dismiss_category', (a) => a.triage?.category],
  ['triage_reason', (a) => a.triage?.reason],
  ['description', (a) => a.description],
];

/**
 * The alerts queue with the caller's filters and sort as CSV, a page at a time, through the lens
 * a JSON answer goes through (a hidden subject's name and address never appear). Throws as the
 * queue does (forbidden, invalid_input) before the first byte.
 */
export async function exportAlerts(ctx: Ctx, query: ExportAlertsQuery): Promise<Readable> {
  const lens = await subjectLens(ctx);
  return csvPages(columns, async (cursor) =>
    lens.apply(await listAlerts(ctx, { ...query, limit: 200, cursor })),
  );
}

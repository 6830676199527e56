import {
  severityRank,
  type AlertStatus,
  type Correlation,
  type DismissCategory,
  type Severity,
} from '../../../contract/alerts.ts';
import { subjectRef } from '../subjects/index.ts';
import type { AlertViewRow } from './alerts.repo.ts';

export { severityRank };

/** The ranks of severities, as the severity indexes hold them. */
export const severityRanks = (list: readonly Severity[]): number[] =>
  list.map((s) => severityRank[s]);

/** Why an alert is in its incident, from the key correlation recorded. */
export function presentCorrelation(key: string | null): Correlation | null {
  if (key === null) return null;
  if (key === 'opened') return { reason: 'opened' };
  if (key.startsWith('s:')) return { reason: 'subject' };
  const [, type = '', ...value] = key.split(':');
  return { reason: 'entity', entity: { type, value: value.join(':') } };
}

/** The alert as queues show it. */
export const presentAlert = (row: AlertViewRow) => ({
  id: row.id,
  source: row.source,
  externalId: row.externalId,
  title: row.title,
  description: row.description,
  severity: row.severity as Severity,
  riskScore: row.riskScore,
  status: row.status as AlertStatus,
  detectedAt: row.detectedAt,
  receivedAt: row.receivedAt,
  subject: subjectRef(row.subjectId, row.subjectName, row.subjectEmail),
  incidentId: row.incidentId,
  correlation: presentCorrelation(row.correlationKey),
  sourceStatus: row.sourceStatus,
  sourceSeverity: row.sourceSeverity,
  triage:
    row.triagedAt === null
      ? null
      : {
          at: row.triagedAt,
          by: row.triagedBy === null ? null : { id: row.triagedBy, name: row.triagedByName ?? '' },
          category: row.dismissCategory as DismissCategory | null,
          reason: row.dismissReason,
        },
});
export type AlertView = ReturnType<typeof presentAlert>;

import type { AlertStatus, Severity } from '../../../contract/alerts.ts';
import { subjectRef } from '../subjects/index.ts';
import type { AlertViewRow } from './alerts.repo.ts';

export const severityRank: Record<Severity, number> = {
  informational: 1,
  low: 2,
  medium: 3,
  high: 4,
};

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
  triage:
    row.triagedAt === null
      ? null
      : {
          at: row.triagedAt,
          by: row.triagedBy === null ? null : { id: row.triagedBy, name: row.triagedByName ?? '' },
          reason: row.dismissReason,
        },
});
export type AlertView = ReturnType<typeof presentAlert>;

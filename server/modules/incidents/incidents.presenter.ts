import type { Severity } from '../../../contract/alerts.ts';
import { subjectRef } from '../subjects/index.ts';
import type { IncidentViewRow } from './incidents.repo.ts';

/** The incident as the API shows it. */
export const presentIncident = (row: IncidentViewRow) => ({
  id: row.id,
  title: row.title,
  status: row.status as 'active' | 'resolved',
  severity: row.severity as Severity,
  subject: subjectRef(row.subjectId, row.subjectName, row.subjectEmail),
  assignee: row.assigneeId === null ? null : { id: row.assigneeId, name: row.assigneeName ?? '' },
  alertCount: row.alertCount,
  firstAlertAt: row.firstAlertAt,
  lastAlertAt: row.lastAlertAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  version: row.version,
});
export type IncidentView = ReturnType<typeof presentIncident>;

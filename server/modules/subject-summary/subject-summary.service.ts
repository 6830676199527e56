import { ListCasesQuery } from '../../../contract/cases.ts';
import { ListIncidentsQuery } from '../../../contract/incidents.ts';
import { SUMMARY_LIST_LIMIT, type SubjectSummary } from '../../../contract/subject-summary.ts';
import type { Ctx } from '../../context.ts';
import { countSubjectAlerts } from '../alerts/index.ts';
import { listCases } from '../cases/index.ts';
import { canViewIncidents, listIncidents } from '../incidents/index.ts';
import { getSubject, subjectRef } from '../subjects/index.ts';

/**
 * What the subject profile shows beside the identity, each part as the caller may see it: its
 * alerts counted by severity and status and the incidents holding them (for those who view
 * alerts; null otherwise), and the cases about it that the caller may open (a contributor
 * only those it contributes to), each list the 20 most recent with how many there are in all.
 * Throws forbidden for guests, not_found.
 */
export async function getSubjectSummary(ctx: Ctx, subjectId: number): Promise<SubjectSummary> {
  const subject = await getSubject(ctx, subjectId);
  const limit = SUMMARY_LIST_LIMIT;
  const [alerts, incidents, cases] = await Promise.all([
    countSubjectAlerts(ctx, subjectId),
    canViewIncidents(ctx.actor)
      ? listIncidents(ctx, ListIncidentsQuery.parse({ subject: subjectId, limit, total: 'true' }))
      : null,
    listCases(ctx, ListCasesQuery.parse({ subject: subjectId, limit, total: 'true' })),
  ]);
  return {
    subjectId,
    subject: subjectRef(subject.id, subject.name, subject.email)!,
    alerts,
    incidents: incidents && {
      total: incidents.total?.count ?? incidents.items.length,
      items: incidents.items.map((i) => ({
        id: i.id,
        title: i.title,
        status: i.status,
        severity: i.severity,
        alertCount: i.alertCount,
        lastAlertAt: i.lastAlertAt,
      })),
    },
    cases: {
      total: cases.total?.count ?? cases.items.length,
      items: cases.items.map((c) => ({
        number: c.number,
        title: c.title,
        status: c.status,
        priority: c.priority,
        alertCount: c.alertCount,
        updatedAt: c.updatedAt,
      })),
    },
  };
}

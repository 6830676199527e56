import { AlertStatus, Severity } from '../../../../contract/alerts.ts';
import type { Ctx } from '../../../context.ts';
import { canViewAlerts } from '../alerts.policy.ts';
import * as repo from '../alerts.repo.ts';

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * A subject's alerts counted in all, per severity and per status (every one present, 0 when
 * none); null when the actor may not view alerts. The caller has checked the subject exists.
 */
export async function countSubjectAlerts(ctx: Ctx, subjectId: number) {
  if (!canViewAlerts(ctx.actor)) return null;
  const rows = await repo.countBySubject(ctx.db, ctx.actor.workspaceId, subjectId);
  const bySeverity = zeros(Severity.options);
  const byStatus = zeros(AlertStatus.options);
  let total = 0;
  for (const r of rows) {
    const n = Number(r.count);
    total += n;
    bySeverity[r.severity as Severity] = (bySeverity[r.severity as Severity] ?? 0) + n;
    byStatus[r.status as AlertStatus] = (byStatus[r.status as AlertStatus] ?? 0) + n;
  }
  return { total, bySeverity, byStatus };
}

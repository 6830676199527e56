import { inTransaction } from '../../../events/index.ts';
import type {
  BulkConfirmAlerts,
  DismissAlert,
  DismissCategory,
} from '../../../../contract/alerts.ts';
import type { Ctx } from '../../../context.ts';
import { AppError, forbidden } from '../../../lib/errors.ts';
import { canTriageAlerts, canViewAlerts } from '../alerts.policy.ts';
import * as repo from '../alerts.repo.ts';
import { confirmAlertsIn } from './confirm-alerts.ts';
import { dismissAlert, resolveTarget } from './triage-alert.ts';

type Outcome = { id: number; ok: boolean; error?: { code: string; message: string } };

/** Runs `one` for each distinct id, each in its own transaction, and reports each outcome. */
async function eachAlert(ids: number[], one: (id: number) => Promise<unknown>): Promise<Outcome[]> {
  const results: Outcome[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      await one(id);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return results;
}

/**
 * Confirms many alerts into one case (an existing one, or a new one opened only when at least
 * one alert gets confirmed), in one transaction, with an outcome per alert: an alert already
 * triaged is refused with conflict and a missing one with not_found, without stopping the
 * others; any other failure stores nothing. Throws forbidden without triage rights, and what
 * checking the case throws.
 */
export async function bulkConfirmAlerts(ctx: Ctx, input: BulkConfirmAlerts) {
  if (!canTriageAlerts(ctx.actor)) throw forbidden();
  const ids = [...new Set(input.alertIds)];
  const waiting = (await repo.findTriageStates(ctx.db, ctx.actor.workspaceId, ids)).filter(
    (a) => a.status === 'needs_review',
  );
  const subjects = new Set(waiting.map((a) => a.subjectId));
  const common = subjects.size === 1 ? (waiting[0]?.subjectId ?? null) : null;
  const target = await resolveTarget(ctx, input, common);
  const at = ctx.clock.now().toISOString();
  // Someone may triage these alerts between the read above and this transaction: confirming
  // claims each alert again inside it, and opens the new case only once one was claimed.
  const out = await inTransaction(ctx, (tx) => confirmAlertsIn(ctx, tx, ids, target, at));
  const results: Outcome[] = ids.map((id) => {
    const error = out.refused.get(id);
    return error
      ? { id, ok: false, error: { code: error.code, message: error.message } }
      : { id, ok: true };
  });
  return { ...(out.kase && { caseNumber: out.kase.number }), results };
}

/** Dismisses many alerts with one category and reason, with an outcome per alert. Throws forbidden. */
export async function bulkDismissAlerts(ctx: Ctx, ids: number[], input: DismissAlert) {
  if (!canTriageAlerts(ctx.actor)) throw forbidden();
  return { results: await eachAlert(ids, (id) => dismissAlert(ctx, id, input)) };
}

/** Dismissed alerts per category. Throws forbidden for accounts that see no alerts. */
export async function countDismissals(ctx: Ctx) {
  if (!canViewAlerts(ctx.actor)) throw forbidden();
  const counts: Record<DismissCategory, number> = {
    false_positive: 0,
    benign_true_positive: 0,
    duplicate: 0,
    other: 0,
  };
  for (const r of await repo.countDismissals(ctx.db, ctx.actor.workspaceId))
    counts[r.dismissCategory as DismissCategory] = Number(r.n);
  return { counts };
}

import type { BulkConfirmAlerts } from '../../../../contract/alerts.ts';
import type { Ctx } from '../../../context.ts';
import { AppError, forbidden } from '../../../lib/errors.ts';
import { insertPreparedCase } from '../../cases/index.ts';
import { canTriageAlerts } from '../alerts.policy.ts';
import * as repo from '../alerts.repo.ts';
import { confirmInto, dismissAlert, resolveTarget } from './triage-alert.ts';

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
 * Confirms many alerts into one case (an existing one, or one new case opened when at least
 * one alert still waits for review), with an outcome per alert. Throws forbidden without triage
 * rights, and what checking the case throws.
 */
export async function bulkConfirmAlerts(ctx: Ctx, input: BulkConfirmAlerts) {
  if (!canTriageAlerts(ctx.actor)) throw forbidden();
  const ws = ctx.actor.workspaceId;
  const waiting = [];
  for (const id of input.alertIds) {
    const a = await repo.findAlert(ctx.db, ws, id);
    if (a?.status === 'needs_review') waiting.push(a);
  }
  const subjects = new Set(waiting.map((a) => a.subjectId));
  const common = subjects.size === 1 ? (waiting[0]?.subjectId ?? null) : null;
  const target = await resolveTarget(ctx, input, common);
  let caseNumber: number | undefined = 'number' in target ? target.number : undefined;
  let into = target;
  if ('prepared' in target && waiting.length > 0) {
    const at = ctx.clock.now().toISOString();
    const kase = await ctx.db
      .transaction()
      .execute((tx) => insertPreparedCase(ctx, tx, target.prepared, at));
    caseNumber = kase.number;
    into = { caseId: kase.id, number: kase.number };
  }
  const results = await eachAlert(input.alertIds, async (id) => {
    if ('prepared' in into) throw new AppError('conflict', `Alert ${id} was already triaged`);
    await confirmInto(ctx, id, into);
  });
  return { ...(caseNumber === undefined ? {} : { caseNumber }), results };
}

/** Dismisses many alerts with one reason, with an outcome per alert. Throws forbidden. */
export async function bulkDismissAlerts(ctx: Ctx, ids: number[], reason: string) {
  if (!canTriageAlerts(ctx.actor)) throw forbidden();
  return { results: await eachAlert(ids, (id) => dismissAlert(ctx, id, reason)) };
}

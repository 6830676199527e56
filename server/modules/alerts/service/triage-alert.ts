import type { ConfirmAlert, DismissAlert } from '../../../../contract/alerts.ts';
import { inTransaction } from '../../../events/index.ts';
import type { Ctx } from '../../../context.ts';
import { forbidden, notFound } from '../../../lib/errors.ts';
import { settleIncidents } from '../../alert-resolution/index.ts';
import { loadCase, prepareCase } from '../../cases/index.ts';
import { canTriageAlerts } from '../alerts.policy.ts';
import * as repo from '../alerts.repo.ts';
import { alreadyTriaged, confirmAlertsIn, type CaseTarget } from './confirm-alerts.ts';
import { getAlert } from './list-alerts.ts';

/** The alert, when the actor may triage it and it still waits for review. */
async function loadForTriage(ctx: Ctx, id: number) {
  if (!canTriageAlerts(ctx.actor)) throw forbidden();
  const alert = await repo.findAlert(ctx.db, ctx.actor.workspaceId, id);
  if (!alert) throw notFound(`Alert ${id}`);
  if (alert.status !== 'needs_review') throw alreadyTriaged(id, alert.status);
  return alert;
}

/** Resolves where confirmed alerts go: an existing case the actor manages, or a checked new one. */
export async function resolveTarget(
  ctx: Ctx,
  input: { caseNumber?: number | undefined; newCase?: ConfirmAlert['newCase'] },
  subjectId: number | null,
): Promise<CaseTarget> {
  if (input.caseNumber !== undefined) {
    const { row } = await loadCase(ctx, input.caseNumber, 'canManage');
    return { caseId: row.id, number: row.number };
  }
  const newCase = input.newCase!;
  return {
    prepared: await prepareCase(
      ctx,
      { ...newCase, subjectId: newCase.subjectId ?? subjectId },
      'body.newCase',
    ),
  };
}

/**
 * Confirms an alert into a case, in one transaction with the link and the audit event; the
 * new case, when asked for, is opened in the same transaction. Of two triages racing on one
 * alert one wins; the other gets conflict. Throws forbidden, not_found, conflict, invalid_input.
 */
export async function confirmAlert(ctx: Ctx, id: number, input: ConfirmAlert) {
  const alert = await loadForTriage(ctx, id);
  const target = await resolveTarget(ctx, input, alert.subjectId);
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx) => {
    const refusal = (await confirmAlertsIn(ctx, tx, [id], target, at)).refused.get(id);
    if (refusal) throw refusal;
  });
  return getAlert(ctx, id);
}

/**
 * Dismisses an alert with a category and a reason, audited in the same transaction. Of two
 * triages racing on one alert one wins; the other gets conflict. Throws forbidden, not_found,
 * conflict.
 */
export async function dismissAlert(ctx: Ctx, id: number, { category, reason }: DismissAlert) {
  await loadForTriage(ctx, id);
  const at = ctx.clock.now().toISOString();
  const ws = ctx.actor.workspaceId;
  await inTransaction(ctx, async (tx, emit) => {
    const done = await repo.triageAlert(tx, ws, id, {
      status: 'dismissed',
      triagedAt: at,
      triagedBy: ctx.actor.accountId,
      dismissReason: reason,
      dismissCategory: category,
    });
    if (!done) {
      const now = await repo.findAlert(tx, ws, id);
      throw now ? alreadyTriaged(id, now.status) : notFound(`Alert ${id}`);
    }
    await emit('alert.dismissed', {
      workspaceId: ws,
      at,
      targetId: id,
      before: { status: 'needs_review' },
      after: { status: 'dismissed', category, reason },
    });
    await settleIncidents(ctx, tx, { alertIds: [id] }, at);
  });
  return getAlert(ctx, id);
}

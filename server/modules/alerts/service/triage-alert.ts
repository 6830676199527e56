import type { ConfirmAlert } from '../../../../contract/alerts.ts';
import type { Ctx } from '../../../context.ts';
import { conflict, forbidden, notFound } from '../../../lib/errors.ts';
import { auditActor, recordAudit } from '../../audit/index.ts';
import { insertPreparedCase, loadCase, prepareCase, type PreparedCase } from '../../cases/index.ts';
import { canTriageAlerts } from '../alerts.policy.ts';
import * as repo from '../alerts.repo.ts';
import { getAlert } from './list-alerts.ts';

const alreadyTriaged = (id: number, status: string) =>
  conflict(`Alert ${id} was already triaged (${status.replace('_', ' ')})`);

/** The alert, when the actor may triage it and it still waits for review. */
async function loadForTriage(ctx: Ctx, id: number) {
  if (!canTriageAlerts(ctx.actor)) throw forbidden();
  const alert = await repo.findAlert(ctx.db, ctx.actor.workspaceId, id);
  if (!alert) throw notFound(`Alert ${id}`);
  if (alert.status !== 'needs_review') throw alreadyTriaged(id, alert.status);
  return alert;
}

export type CaseTarget = { caseId: number; number: number } | { prepared: PreparedCase };

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
  await confirmInto(ctx, id, target);
  return getAlert(ctx, id);
}

/** Confirms one alert into a resolved target; returns the case number. Throws conflict. */
export async function confirmInto(ctx: Ctx, id: number, target: CaseTarget): Promise<number> {
  const at = ctx.clock.now().toISOString();
  const ws = ctx.actor.workspaceId;
  return ctx.db.transaction().execute(async (tx) => {
    const done = await repo.triageAlert(tx, ws, id, {
      status: 'confirmed',
      triagedAt: at,
      triagedBy: ctx.actor.accountId,
      dismissReason: null,
    });
    if (!done) {
      const now = await repo.findAlert(tx, ws, id);
      throw now ? alreadyTriaged(id, now.status) : notFound(`Alert ${id}`);
    }
    const kase =
      'prepared' in target
        ? await insertPreparedCase(ctx, tx, target.prepared, at)
        : { id: target.caseId, number: target.number };
    await repo.insertCaseLink(tx, {
      workspaceId: ws,
      caseId: kase.id,
      kind: 'alert',
      refId: id,
      linkedAt: at,
      linkedBy: ctx.actor.accountId,
    });
    await recordAudit(tx, {
      workspaceId: ws,
      at,
      actor: auditActor(ctx.actor),
      action: 'alert.confirmed',
      targetType: 'alert',
      targetId: id,
      caseId: kase.id,
      before: { status: 'needs_review' },
      after: { status: 'confirmed', caseNumber: kase.number },
    });
    return kase.number;
  });
}

/**
 * Dismisses an alert with a reason, audited in the same transaction. Of two triages racing on
 * one alert one wins; the other gets conflict. Throws forbidden, not_found, conflict.
 */
export async function dismissAlert(ctx: Ctx, id: number, reason: string) {
  await loadForTriage(ctx, id);
  const at = ctx.clock.now().toISOString();
  const ws = ctx.actor.workspaceId;
  await ctx.db.transaction().execute(async (tx) => {
    const done = await repo.triageAlert(tx, ws, id, {
      status: 'dismissed',
      triagedAt: at,
      triagedBy: ctx.actor.accountId,
      dismissReason: reason,
    });
    if (!done) {
      const now = await repo.findAlert(tx, ws, id);
      throw now ? alreadyTriaged(id, now.status) : notFound(`Alert ${id}`);
    }
    await recordAudit(tx, {
      workspaceId: ws,
      at,
      actor: auditActor(ctx.actor),
      action: 'alert.dismissed',
      targetType: 'alert',
      targetId: id,
      before: { status: 'needs_review' },
      after: { status: 'dismissed', reason },
    });
  });
  return getAlert(ctx, id);
}

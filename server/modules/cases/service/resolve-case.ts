import type { Ctx } from '../../../context.ts';
import { inTransaction } from '../../../events/index.ts';
import { conflict, invalidInput } from '../../../lib/errors.ts';
import { settleIncidents, syncAlertResolution } from '../../alert-resolution/index.ts';
import { findStatus, firstStatusOf, requireUsableStatus } from '../../statuses/index.ts';
import { presentCaseDetail, type CaseDetailView } from '../cases.presenter.ts';
import * as repo from '../cases.repo.ts';
import { loadCase } from './access.ts';
import { staleVersion } from './update-case.ts';

type Classification = 'benign' | 'confirmed_violation';

/**
 * Resolves a case as benign or a confirmed violation, with a reason, into a closed status; in
 * the same transaction its confirmed alerts that no other open case covers become resolved.
 * Throws conflict when it is already resolved, invalid_input for a status that is not closed.
 */
export async function resolveCase(
  ctx: Ctx,
  number: number,
  input: { classification: Classification; reason: string; statusId?: number | undefined },
  expectedVersion?: number,
): Promise<CaseDetailView> {
  const { row, access } = await loadCase(ctx, number, 'canManage');
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion();
  if (row.statusCategory === 'closed' && row.resolutionClassification)
    throw conflict(`Case ${number} is already resolved; reopen it first`);
  const ws = ctx.actor.workspaceId;
  const status = input.statusId
    ? await requireUsableStatus(ctx.db, ws, input.statusId)
    : await firstStatusOf(ctx.db, ws, 'closed');
  if (status.category !== 'closed')
    throw invalidInput(`"${status.name}" is not a closed status`, [
      { path: 'body.statusId', message: 'not a closed status' },
    ]);
  const prev = await findStatus(ctx.db, ws, row.statusId);
  const cause = { type: 'case', caseId: row.id, number } as const;
  await inTransaction(ctx, async (tx, emit, { at }) => {
    const updated = await repo.updateCaseAtVersion(tx, row.id, row.version, {
      statusId: status.id,
      statusCategory: 'closed',
      resolutionClassification: input.classification,
      resolutionReason: input.reason,
      resolvedAt: at,
      resolvedBy: ctx.actor.accountId,
      updatedAt: at,
      updatedBy: ctx.actor.accountId,
    });
    if (!updated) throw staleVersion();
    await emit('case.resolved', {
      targetId: number,
      caseId: row.id,
      before: { status: prev ? { id: prev.id, name: prev.name } : null },
      after: {
        status: { id: status.id, name: status.name },
        classification: input.classification,
        reason: input.reason,
      },
    });
    await syncAlertResolution(ctx, tx, { caseId: row.id }, cause, at);
    await settleIncidents(ctx, tx, { caseId: row.id }, at);
  });
  return presentCaseDetail(await repo.findCaseView(ctx.db, row.id), access);
}

/**
 * Reopens a closed case into an active status (the first one unless given), clearing its
 * resolution; the reason is recorded, and its resolved alerts are confirmed again in the same
 * transaction. Throws conflict when the case is not closed.
 */
export async function reopenCase(
  ctx: Ctx,
  number: number,
  input: { reason: string; statusId?: number | undefined },
  expectedVersion?: number,
): Promise<CaseDetailView> {
  const { row, access } = await loadCase(ctx, number, 'canManage');
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion();
  if (row.statusCategory !== 'closed') throw conflict(`Case ${number} is not closed`);
  const ws = ctx.actor.workspaceId;
  const status = input.statusId
    ? await requireUsableStatus(ctx.db, ws, input.statusId)
    : await firstStatusOf(ctx.db, ws, 'active');
  if (status.category === 'closed')
    throw invalidInput(`"${status.name}" is a closed status`, [
      { path: 'body.statusId', message: 'must be a new or active status' },
    ]);
  const prev = await findStatus(ctx.db, ws, row.statusId);
  const cause = { type: 'case', caseId: row.id, number } as const;
  await inTransaction(ctx, async (tx, emit, { at }) => {
    const updated = await repo.updateCaseAtVersion(tx, row.id, row.version, {
      statusId: status.id,
      statusCategory: status.category,
      resolutionClassification: null,
      resolutionReason: null,
      resolvedAt: null,
      resolvedBy: null,
      updatedAt: at,
      updatedBy: ctx.actor.accountId,
    });
    if (!updated) throw staleVersion();
    await emit('case.reopened', {
      targetId: number,
      caseId: row.id,
      before: {
        status: prev ? { id: prev.id, name: prev.name } : null,
        resolution: row.resolutionClassification
          ? { classification: row.resolutionClassification, reason: row.resolutionReason }
          : null,
      },
      after: { status: { id: status.id, name: status.name }, reason: input.reason },
    });
    await syncAlertResolution(ctx, tx, { caseId: row.id }, cause, at);
  });
  return presentCaseDetail(await repo.findCaseView(ctx.db, row.id), access);
}

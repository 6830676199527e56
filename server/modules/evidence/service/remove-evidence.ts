import type { EvidenceItem, RemoveEvidence } from '../../../../contract/evidence.ts';
import type { Ctx } from '../../../context.ts';
import { inTransaction } from '../../../events/index.ts';
import { AppError, notFound } from '../../../lib/errors.ts';
import { presentEvidence } from '../evidence.presenter.ts';
import * as repo from '../evidence.repo.ts';
import { loadEvidenceCase } from './evidence-case.ts';
import { custodyActor } from './evidence-io.ts';

/**
 * Removes an evidence item: a tombstone with the reason, on its custody log and audited; the
 * row and the bytes stay. Throws not_found, locked (the case is under legal hold), conflict
 * (removed already).
 */
export async function removeEvidence(
  ctx: Ctx,
  number: number,
  id: number,
  input: RemoveEvidence,
): Promise<EvidenceItem> {
  const { row: c } = await loadEvidenceCase(ctx, number);
  const ws = ctx.actor.workspaceId;
  const item = await repo.findItem(ctx.db, ws, c.id, id);
  if (!item) throw notFound(`Evidence ${id} of case ${number}`);
  if (c.legalHoldAt !== null)
    throw new AppError(
      'locked',
      `Case ${number} is under legal hold: its evidence cannot be removed`,
    );
  if (item.removedAt !== null) throw new AppError('conflict', 'This evidence was removed already');
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    const done = await repo.markRemoved(tx, ws, id, ctx.actor.accountId, at, input.reason);
    if (Number(done.numUpdatedRows) !== 1)
      throw new AppError('conflict', 'This evidence was removed already');
    await repo.appendCustody(tx, {
      ...custodyActor(ctx),
      workspaceId: ws,
      evidenceId: id,
      action: 'removed',
      at,
      purpose: null,
      details: JSON.stringify({ reason: input.reason }),
    });
    await emit('evidence.removed', {
      targetId: id,
      caseId: c.id,
      before: { name: item.name, sha256: item.sha256 },
      after: { reason: input.reason },
    });
  });
  return presentEvidence((await repo.findItem(ctx.db, ws, c.id, id))!, c.number);
}

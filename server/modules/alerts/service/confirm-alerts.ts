import type { Ctx } from '../../../context.ts';
import { joinUnit } from '../../../events/index.ts';
import type { Db } from '../../../db/connection.ts';
import { conflict, notFound, type AppError } from '../../../lib/errors.ts';
import { settleIncidents, syncAlertResolution } from '../../alert-resolution/index.ts';
import { insertLinks } from '../../case-links/index.ts';
import { insertPreparedCase, type PreparedCase } from '../../cases/index.ts';
import * as repo from '../alerts.repo.ts';

export type CaseTarget = { caseId: number; number: number } | { prepared: PreparedCase };

const existingCase = (t: { caseId: number; number: number }) => ({
  id: t.caseId,
  number: t.number,
});

export const alreadyTriaged = (id: number, status: string) =>
  conflict(`Alert ${id} was already triaged (${status.replace('_', ' ')})`);

export interface ConfirmOutcome {
  /** The case the confirmed alerts went into; null when a new case was asked for and none was confirmed. */
  kase: { id: number; number: number } | null;
  confirmed: number[];
  /** Why each other alert was not confirmed: not_found or conflict. */
  refused: Map<number, AppError>;
}

/**
 * Confirms alerts into a case inside the caller's transaction: claims each one still waiting
 * for review, opens the prepared case only when at least one was claimed, links and audits each,
 * then applies the alert resolution rule (an alert confirmed into a closed case is resolved at
 * once). An alert someone else triaged first is refused with conflict, one that does not exist
 * with not_found; neither stops the others.
 */
export async function confirmAlertsIn(
  ctx: Ctx,
  tx: Db,
  ids: number[],
  target: CaseTarget,
  at: string,
): Promise<ConfirmOutcome> {
  const ws = ctx.actor.workspaceId;
  const confirmed: number[] = [];
  // Ascending ids: concurrent bulk confirms on PostgreSQL lock the rows in one order, so they
  // wait for each other instead of deadlocking.
  for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
    const done = await repo.triageAlert(tx, ws, id, {
      status: 'confirmed',
      triagedAt: at,
      triagedBy: ctx.actor.accountId,
      dismissReason: null,
    });
    if (done) confirmed.push(id);
  }
  const refused = new Map<number, AppError>();
  const claimed = new Set(confirmed);
  const others = ids.filter((id) => !claimed.has(id));
  const states = new Map(
    (await repo.findTriageStates(tx, ws, others)).map((a) => [a.id, a.status]),
  );
  for (const id of others) {
    const status = states.get(id);
    refused.set(id, status === undefined ? notFound(`Alert ${id}`) : alreadyTriaged(id, status));
  }
  if (confirmed.length === 0)
    return { kase: 'prepared' in target ? null : existingCase(target), confirmed, refused };
  const kase =
    'prepared' in target
      ? await insertPreparedCase(ctx, tx, target.prepared, at)
      : existingCase(target);
  for (const id of confirmed) {
    await insertLinks(tx, [
      {
        workspaceId: ws,
        caseId: kase.id,
        kind: 'alert',
        refId: id,
        linkedAt: at,
        linkedBy: ctx.actor.accountId,
      },
    ]);
    await joinUnit(tx).emit('alert.confirmed', {
      workspaceId: ws,
      at,
      targetId: id,
      caseId: kase.id,
      before: { status: 'needs_review' },
      after: { status: 'confirmed', caseNumber: kase.number },
    });
  }
  await syncAlertResolution(
    ctx,
    tx,
    { alertIds: confirmed },
    { type: 'case', caseId: kase.id, number: kase.number },
    at,
  );
  await settleIncidents(ctx, tx, { alertIds: confirmed }, at);
  return { kase, confirmed, refused };
}

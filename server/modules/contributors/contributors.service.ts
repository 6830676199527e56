import type { Ctx } from '../../context.ts';
import { inTransaction } from '../../events/index.ts';
import { invalidInput, notFound } from '../../lib/errors.ts';
import { mayContribute } from '../access/index.ts';
import { loadActor } from '../accounts/index.ts';
import { loadCase } from '../cases/index.ts';
import * as repo from './contributors.repo.ts';

/** The accounts added to a case; anyone who sees the case may list them. */
export async function listContributors(ctx: Ctx, number: number) {
  const { row } = await loadCase(ctx, number);
  const rows = await repo.listContributors(ctx.db, row.id);
  return rows.map((r) => ({
    account: { id: r.id, name: r.name, email: r.email },
    addedAt: r.addedAt,
    addedBy: r.addedBy === null ? null : { id: r.addedBy, name: r.addedByName ?? '' },
  }));
}

/**
 * Adds an account of the workspace to a case (idempotent). Throws forbidden without
 * contributors.manage, invalid_input for an unknown or disabled account or an integration's
 * service account (which sees no cases and cannot comment).
 */
export async function addContributor(ctx: Ctx, number: number, accountId: number) {
  const { row } = await loadCase(ctx, number, 'canManageContributors');
  // loadActor answers undefined for a disabled account.
  const account = await loadActor(ctx.db, accountId, 'session');
  if (!account || account.workspaceId !== row.workspaceId)
    throw invalidInput(`Account ${accountId} cannot be added`, [
      { path: 'params.accountId', message: 'not an active account of the workspace' },
    ]);
  if (!mayContribute(account.permissions))
    throw invalidInput(`Account ${accountId} is a service account and cannot contribute`, [
      {
        path: 'params.accountId',
        message: 'an integration account posts alerts; it cannot view cases or comment',
      },
    ]);
  const existing = await repo.listContributors(ctx.db, row.id);
  if (!existing.some((c) => c.id === accountId)) {
    const at = ctx.clock.now().toISOString();
    await inTransaction(ctx, async (tx, emit) => {
      await repo.insertContributor(tx, {
        workspaceId: row.workspaceId,
        caseId: row.id,
        accountId,
        addedAt: at,
        addedBy: ctx.actor.accountId,
      });
      await emit('contributor.added', {
        workspaceId: row.workspaceId,
        at,
        targetId: accountId,
        caseId: row.id,
        after: { contributor: { id: account.accountId, name: account.name } },
      });
    });
  }
  return { items: await listContributors(ctx, number) };
}

/** Removes a contributor. Throws forbidden without contributors.manage, not_found when absent. */
export async function removeContributor(
  ctx: Ctx,
  number: number,
  accountId: number,
): Promise<void> {
  const { row } = await loadCase(ctx, number, 'canManageContributors');
  const existing = (await repo.listContributors(ctx.db, row.id)).find((c) => c.id === accountId);
  if (!existing) throw notFound(`Contributor ${accountId} of case ${number}`);
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    await repo.deleteContributor(tx, row.id, accountId);
    await emit('contributor.removed', {
      workspaceId: row.workspaceId,
      at,
      targetId: accountId,
      caseId: row.id,
      before: { contributor: { id: existing.id, name: existing.name } },
    });
  });
}

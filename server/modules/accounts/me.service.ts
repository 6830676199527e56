import type { Ctx } from '../../context.ts';
import { inTransaction } from '../../events/index.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { toAccount } from './accounts.service.ts';
import * as repo from './accounts.repo.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { deleteSessionsOf } from './sessions.repo.ts';
import { notifyAccountChanged } from './actor-cache.ts';

/** The signed-in account, its permissions and workspace. */
export async function getMe(ctx: Ctx) {
  const row = await repo.findAccount(ctx.db, ctx.actor.workspaceId, ctx.actor.accountId);
  if (!row) throw notFound('Account');
  const workspace = await ctx.db
    .selectFrom('workspaces')
    .select(['id', 'name'])
    .where('id', '=', ctx.actor.workspaceId)
    .executeTakeFirstOrThrow();
  return { account: toAccount(row), permissions: [...ctx.actor.permissions].sort(), workspace };
}

export async function updateProfile(ctx: Ctx, name: string) {
  const row = await repo.findAccount(ctx.db, ctx.actor.workspaceId, ctx.actor.accountId);
  if (!row) throw notFound('Account');
  const at = ctx.clock.now().toISOString();
  const view = await inTransaction(ctx, async (tx, emit) => {
    const next = await repo.updateAccount(tx, row.id, { name, updatedAt: at });
    await emit('account.updated', {
      workspaceId: ctx.actor.workspaceId,
      at,
      targetId: row.id,
      before: { name: row.name },
      after: { name },
    });
    return toAccount(next);
  });
  notifyAccountChanged(row.id);
  return view;
}

/**
 * Changes the actor's own password after checking the current one (unauthenticated when it
 * is wrong) and ends every session of the account; the caller starts a new one.
 */
/** The current password given to a password change is not the account's. */
export class WrongPasswordError extends AppError {
  constructor() {
    super('invalid_input', 'The current password is not right', [
      { path: 'body.currentPassword', message: 'wrong password' },
    ]);
  }
}

export async function changeOwnPassword(
  ctx: Ctx,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const row = await repo.findAccount(ctx.db, ctx.actor.workspaceId, ctx.actor.accountId);
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, currentPassword)))
    throw new WrongPasswordError();
  const passwordHash = await hashPassword(newPassword);
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    await repo.updateAccount(tx, row.id, { passwordHash, updatedAt: at });
    await deleteSessionsOf(tx, row.id);
    await emit('account.password_changed', {
      workspaceId: ctx.actor.workspaceId,
      at,
      targetId: row.id,
    });
  });
  notifyAccountChanged(row.id);
}

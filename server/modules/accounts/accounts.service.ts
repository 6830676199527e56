import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../events/index.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { AccountRow } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { conflict, forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import type { Ctx } from '../../context.ts';
import {
  isPermission,
  mayContribute,
  mayWorkCases,
  type Actor,
  type Permission,
} from '../access/index.ts';
import { canListAccounts, canManageAccounts } from './accounts.policy.ts';
import * as repo from './accounts.repo.ts';
import { hashPassword } from './password.ts';
import { deleteSessionsOf, revokeTokensOf } from './sessions.repo.ts';
import { notifyAccountChanged } from './actor-cache.ts';

export const toAccount = (row: AccountRow) => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.roleKey,
  disabled: row.disabled === 1,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
export type AccountView = ReturnType<typeof toAccount>;

const auditedFields = (a: AccountRow) => ({
  email: a.email,
  name: a.name,
  role: a.roleKey,
  disabled: a.disabled === 1,
});

/** Builds the actor for an account, or undefined when it is missing or disabled. */
export async function loadActor(
  db: Db,
  accountId: number,
  via: Actor['via'],
): Promise<Actor | undefined> {
  const row = await repo.findAccountWithRole(db, accountId);
  if (!row || row.disabled) return undefined;
  const parsed: unknown = JSON.parse(row.permissions);
  const perms = Array.isArray(parsed) ? parsed.filter(isPermission) : [];
  return {
    accountId: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    email: row.email,
    roleKey: row.roleKey,
    permissions: new Set<Permission>(perms),
    via,
  };
}

const permissionsOf = (json: string | null): Set<Permission> => {
  const parsed: unknown = json === null ? [] : JSON.parse(json);
  return new Set(Array.isArray(parsed) ? parsed.filter(isPermission) : []);
};

/**
 * Lists the workspace's accounts, each saying whether it may hold case work and be added to a
 * case, so pickers offer only those the server accepts. Throws forbidden for guests.
 */
export async function listAccounts(ctx: Ctx) {
  if (!canListAccounts(ctx.actor)) throw forbidden();
  return (await repo.listAccounts(ctx.db, ctx.actor.workspaceId)).map((row) => {
    const perms = permissionsOf(row.rolePermissions);
    const active = row.disabled !== 1;
    return {
      ...toAccount(row),
      canWorkCases: active && mayWorkCases(perms),
      canContribute: active && mayContribute(perms),
    };
  });
}

/** Throws not_found when the account is not in the caller's workspace, forbidden for non-admins. */
export async function getAccount(ctx: Ctx, id: number): Promise<AccountView> {
  if (!canListAccounts(ctx.actor) && ctx.actor.accountId !== id) throw notFound('Account');
  const row = await repo.findAccount(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound('Account');
  return toAccount(row);
}

export interface NewAccount {
  email: string;
  name: string;
  role: string;
  password: string;
}

async function assertRole(db: Db, workspaceId: number, key: string): Promise<void> {
  if (!(await repo.findRole(db, workspaceId, key)))
    throw invalidInput(`There is no role "${key}"`, [
      { path: 'body.role', message: 'unknown role' },
    ]);
}

/**
 * Creates an account without a permission check, for the CLI and first start; audited as the
 * given actor. Throws conflict when the e-mail is taken, invalid_input for an unknown role.
 */
export async function createAccountAs(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: NewAccount,
): Promise<AccountView> {
  const email = input.email.toLowerCase();
  await assertRole(db, actor.workspaceId, input.role);
  const passwordHash = await hashPassword(input.password);
  const at = clock.now().toISOString();
  try {
    return await inTransaction({ db, actor, clock }, async (tx, emit) => {
      const row = await repo.insertAccount(tx, {
        workspaceId: actor.workspaceId,
        email,
        name: input.name,
        roleKey: input.role,
        passwordHash,
        disabled: 0,
        createdAt: at,
        updatedAt: at,
      });
      await emit('account.created', {
        workspaceId: actor.workspaceId,
        at,
        targetId: row.id,
        after: auditedFields(row),
      });
      return toAccount(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`An account with e-mail ${email} already exists`);
    throw error;
  }
}

/** Admin only (forbidden otherwise). Throws conflict when the e-mail is taken. */
export async function createAccount(ctx: Ctx, input: NewAccount): Promise<AccountView> {
  if (!canManageAccounts(ctx.actor)) throw forbidden();
  return createAccountAs(ctx.db, ctx.clock, ctx.actor, input);
}

export interface AccountChanges {
  email?: string | undefined;
  name?: string | undefined;
  role?: string | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
  /** With a password: revoke the account's tokens too. */
  revokeTokens?: boolean | undefined;
}

/**
 * Changes an account; disabling it or setting its password ends its sessions, and disabling
 * it revokes its API tokens for good. Admin only;
 * refuses (conflict) to leave the workspace without an active admin.
 */
export async function updateAccount(
  ctx: Ctx,
  id: number,
  changes: AccountChanges,
): Promise<AccountView> {
  if (!canManageAccounts(ctx.actor))
    throw canListAccounts(ctx.actor) ? forbidden() : notFound('Account');
  return updateAccountAs(ctx.db, ctx.clock, ctx.actor, id, changes);
}

/** As updateAccount, without the permission check (CLI). */
export async function updateAccountAs(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: number,
  changes: AccountChanges,
): Promise<AccountView> {
  const current = await repo.findAccount(db, actor.workspaceId, id);
  if (!current) throw notFound('Account');
  if (changes.role !== undefined) await assertRole(db, actor.workspaceId, changes.role);
  const passwordHash =
    changes.password === undefined ? undefined : await hashPassword(changes.password);
  const at = clock.now().toISOString();
  try {
    const view = await inTransaction({ db, actor, clock }, async (tx, emit) => {
      const next = await repo.updateAccount(tx, id, {
        ...(changes.email !== undefined && { email: changes.email.toLowerCase() }),
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.role !== undefined && { roleKey: changes.role }),
        ...(changes.disabled !== undefined && { disabled: changes.disabled ? 1 : 0 }),
        ...(passwordHash !== undefined && { passwordHash }),
        updatedAt: at,
      });
      if (
        current.roleKey === 'admin' &&
        current.disabled === 0 &&
        (next.roleKey !== 'admin' || next.disabled === 1)
      ) {
        if ((await repo.countActiveAdmins(tx, actor.workspaceId)) === 0) {
          throw conflict(
            'This is the last active admin of the workspace: make another admin first',
          );
        }
      }
      if (next.disabled === 1 || passwordHash !== undefined) await deleteSessionsOf(tx, id);
      // A disabled account's tokens die with it: enabling it again does not bring them back.
      const tokensRevoked =
        (next.disabled === 1 && current.disabled === 0) ||
        (passwordHash !== undefined && changes.revokeTokens === true)
          ? await revokeTokensOf(tx, id, at)
          : 0;
      const before = auditedFields(current);
      const after = auditedFields(next);
      const changed = Object.keys(after).filter(
        (k) => before[k as keyof typeof before] !== after[k as keyof typeof after],
      );
      const type =
        passwordHash !== undefined && changed.length === 0
          ? 'account.password_set'
          : 'account.updated';
      await emit(type, {
        workspaceId: actor.workspaceId,
        at,
        targetId: id,
        before: Object.fromEntries(changed.map((k) => [k, before[k as keyof typeof before]])),
        after: {
          ...Object.fromEntries(changed.map((k) => [k, after[k as keyof typeof after]])),
          ...(passwordHash !== undefined && { password: 'changed' }),
          ...(tokensRevoked > 0 && { tokensRevoked }),
        },
      });
      return toAccount(next);
    });
    notifyAccountChanged(id);
    return view;
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`An account with e-mail ${changes.email ?? ''} already exists`);
    throw error;
  }
}

/** The workspace's roles; every member may read them. */
export async function listRoles(ctx: Ctx) {
  if (!canListAccounts(ctx.actor)) throw forbidden();
  const rows = await repo.listRoles(ctx.db, ctx.actor.workspaceId);
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    permissions: JSON.parse(r.permissions) as string[],
    builtin: r.builtin === 1,
  }));
}

import { statusPalette } from '../../../contract/statuses.ts';
import { inTransaction } from '../../events/index.ts';
import type { Db } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { StatusRow } from '../../db/schema.ts';
import { conflict, forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import type { Ctx } from '../../context.ts';
import type { Actor } from '../access/index.ts';
import {
  canCustomizeStatuses,
  statusAccess,
  whyNotDefault,
  whyNotRetire,
} from './statuses.policy.ts';
import * as repo from './statuses.repo.ts';

export type Category = 'new' | 'active' | 'closed';

export const toStatus = (row: StatusRow) => ({
  id: row.id,
  name: row.name,
  category: row.category as Category,
  order: row.sortOrder,
  color: row.color,
  isDefault: row.isDefault === 1,
  retired: row.retired === 1,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
export type StatusView = ReturnType<typeof toStatus>;

/** The status as the API shows it: with what the caller may do with it. */
export const presentStatus = (actor: Actor, s: StatusView) => ({
  ...s,
  access: statusAccess(actor, s),
});
export type PresentedStatus = ReturnType<typeof presentStatus>;

/** The first palette colour no status has; when every one is taken, the least used one. */
export function nextStatusColor(taken: string[]): string {
  const uses = (c: string) => taken.filter((t) => t.toLowerCase() === c).length;
  let best: string = statusPalette[0];
  for (const c of statusPalette) {
    if (uses(c) === 0) return c;
    if (uses(c) < uses(best)) best = c;
  }
  return best;
}

const audited = (s: StatusView) => ({
  name: s.name,
  category: s.category,
  order: s.order,
  color: s.color,
  isDefault: s.isDefault,
  retired: s.retired,
});

export const defaultStatuses = [
  { name: 'New', category: 'new', color: '#3b82f6', isDefault: 1 },
  { name: 'Open', category: 'active', color: '#f59e0b', isDefault: 0 },
  { name: 'Closed', category: 'closed', color: '#64748b', isDefault: 0 },
] as const;

/** Inserts New, Open and Closed into a new workspace. */
export async function seedStatuses(db: Db, workspaceId: number, at: string): Promise<void> {
  for (const [i, s] of defaultStatuses.entries()) {
    await repo.insertStatus(db, {
      workspaceId,
      ...s,
      sortOrder: (i + 1) * 10,
      retired: 0,
      createdAt: at,
      updatedAt: at,
    });
  }
}

/** Every member, guests included, may read the statuses (they label the cases they see). */
export async function listStatuses(ctx: Ctx): Promise<PresentedStatus[]> {
  return (await repo.listStatuses(ctx.db, ctx.actor.workspaceId)).map((row) =>
    presentStatus(ctx.actor, toStatus(row)),
  );
}

export async function findStatus(
  db: Db,
  workspaceId: number,
  id: number,
): Promise<StatusView | undefined> {
  const row = await repo.findStatus(db, workspaceId, id);
  return row && toStatus(row);
}

export async function listStatusRows(db: Db, workspaceId: number): Promise<StatusView[]> {
  return (await repo.listStatuses(db, workspaceId)).map(toStatus);
}

/** A status a case may be put in; throws invalid_input for an unknown or retired one. */
export async function requireUsableStatus(
  db: Db,
  workspaceId: number,
  id: number,
  field = 'statusId',
): Promise<StatusView> {
  const status = await findStatus(db, workspaceId, id);
  if (!status)
    throw invalidInput(`There is no status ${id}`, [
      { path: `body.${field}`, message: 'unknown status' },
    ]);
  if (status.retired)
    throw invalidInput(`The status "${status.name}" is retired`, [
      { path: `body.${field}`, message: 'retired status' },
    ]);
  return status;
}

/** The first usable status of a category in workflow order; the default one first for `new`. */
export async function firstStatusOf(
  db: Db,
  workspaceId: number,
  category: Category,
): Promise<StatusView> {
  const usable = (await listStatusRows(db, workspaceId)).filter((s) => !s.retired);
  const found =
    (category === 'new' ? usable.find((s) => s.isDefault) : undefined) ??
    usable.find((s) => s.category === category);
  if (!found)
    throw conflict(`The workspace has no usable ${category} status; an admin must add one`);
  return found;
}

const assertCustomize = (ctx: Ctx) => {
  if (!canCustomizeStatuses(ctx.actor))
    throw forbidden('Only accounts that may customize statuses can change them');
};

/**
 * Adds a status; without a colour it takes the first palette colour no other status has. Needs
 * statuses.customize (forbidden). Throws conflict for a duplicate name, invalid_input for a
 * closed default.
 */
export async function createStatus(
  ctx: Ctx,
  input: {
    name: string;
    category: Category;
    order?: number | undefined;
    color?: string | undefined;
    isDefault: boolean;
  },
): Promise<PresentedStatus> {
  assertCustomize(ctx);
  const refusal = input.isDefault && whyNotDefault({ ...input, retired: false });
  if (refusal) throw invalidInput(refusal, [{ path: 'body.isDefault', message: refusal }]);
  const at = ctx.clock.now().toISOString();
  const ws = ctx.actor.workspaceId;
  try {
    return await inTransaction(ctx, async (tx, emit) => {
      if (input.isDefault) await repo.clearDefault(tx, ws, at);
      const color =
        input.color ?? nextStatusColor((await repo.listStatuses(tx, ws)).map((s) => s.color));
      const row = await repo.insertStatus(tx, {
        workspaceId: ws,
        name: input.name,
        category: input.category,
        sortOrder: input.order ?? (await repo.maxOrder(tx, ws)) + 10,
        color,
        isDefault: input.isDefault ? 1 : 0,
        retired: 0,
        createdAt: at,
        updatedAt: at,
      });
      const view = toStatus(row);
      await emit('status.created', {
        workspaceId: ws,
        at,
        targetId: row.id,
        after: audited(view),
      });
      return presentStatus(ctx.actor, view);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A status named "${input.name}" already exists`);
    throw error;
  }
}

export interface StatusChanges {
  name?: string | undefined;
  category?: Category | undefined;
  order?: number | undefined;
  color?: string | undefined;
  isDefault?: true | undefined;
  retired?: boolean | undefined;
}

/**
 * Refuses a change that would leave the default status retired (conflict) or closed
 * (invalid_input), with the reason in the words of the change asked for.
 */
function checkDefault(before: StatusView, changes: StatusChanges): void {
  const after = {
    name: changes.name ?? before.name,
    category: changes.category ?? before.category,
    retired: changes.retired ?? before.retired,
    isDefault: changes.isDefault === true || before.isDefault,
  };
  if (!after.isDefault) return;
  const noRetire = changes.retired === true ? whyNotRetire(before) : null;
  if (noRetire) throw conflict(noRetire);
  if (before.isDefault && after.category === 'closed')
    throw invalidInput(
      `"${before.name}" is the default status, so it cannot become a closed status: make another status the default first`,
      [{ path: 'body.category', message: 'the default status cannot be closed' }],
    );
  const refusal = whyNotDefault(after);
  if (refusal === null) return;
  if (after.retired) throw conflict(refusal);
  throw invalidInput(refusal, [{ path: 'body.isDefault', message: refusal }]);
}

/**
 * Renames, recolours, reorders, recategorises (only while unused: conflict otherwise), makes
 * default, or retires a status. The default status cannot be retired (conflict) or closed
 * (invalid_input); a retired status cannot become the default (conflict), nor a closed one
 * (invalid_input).
 */
export async function updateStatus(
  ctx: Ctx,
  id: number,
  changes: StatusChanges,
): Promise<PresentedStatus> {
  assertCustomize(ctx);
  const ws = ctx.actor.workspaceId;
  const current = await repo.findStatus(ctx.db, ws, id);
  if (!current) throw notFound('Status');
  const before = toStatus(current);
  checkDefault(before, changes);
  if (
    changes.category !== undefined &&
    changes.category !== before.category &&
    (await repo.isStatusInUse(ctx.db, id))
  ) {
    throw conflict(
      `Cases use "${before.name}", so its category cannot change: retire it and add a new status instead`,
    );
  }
  const at = ctx.clock.now().toISOString();
  try {
    return await inTransaction(ctx, async (tx, emit) => {
      if (changes.isDefault && !before.isDefault) await repo.clearDefault(tx, ws, at);
      const row = await repo.updateStatus(tx, id, {
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.category !== undefined && { category: changes.category }),
        ...(changes.order !== undefined && { sortOrder: changes.order }),
        ...(changes.color !== undefined && { color: changes.color }),
        ...(changes.isDefault && { isDefault: 1 }),
        ...(changes.retired !== undefined && { retired: changes.retired ? 1 : 0 }),
        updatedAt: at,
      });
      const after = toStatus(row);
      const a = audited(after);
      const b = audited(before);
      const keys = (Object.keys(a) as Array<keyof typeof a>).filter((k) => a[k] !== b[k]);
      const type =
        changes.retired === true && !before.retired ? 'status.retired' : 'status.updated';
      await emit(type, {
        workspaceId: ws,
        at,
        targetId: id,
        before: Object.fromEntries(keys.map((k) => [k, b[k]])),
        after: Object.fromEntries(keys.map((k) => [k, a[k]])),
      });
      return presentStatus(ctx.actor, after);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`A status named "${changes.name ?? ''}" already exists`);
    throw error;
  }
}

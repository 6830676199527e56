import type { Ctx } from '../../context.ts';
import { inTransaction } from '../../events/index.ts';
import type { SavedViewRow } from '../../db/schema.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import * as policy from './views.policy.ts';
import * as repo from './views.repo.ts';

export interface ViewInput {
  name: string;
  filters: Record<string, string | string[]>;
  columns: string[];
  sort: string;
  shared: boolean;
}

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export const toView = (row: SavedViewRow & { ownerName: string }) => ({
  id: row.id,
  name: row.name,
  filters: parseJson<Record<string, string | string[]>>(row.filters, {}),
  columns: parseJson<string[]>(row.columns, []),
  sort: row.sort,
  shared: row.shared === 1,
  owner: { id: row.ownerId, name: row.ownerName },
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
export type ViewOut = ReturnType<typeof toView>;

const audited = (v: Omit<ViewOut, 'owner' | 'createdAt' | 'updatedAt' | 'id'>) => ({
  name: v.name,
  filters: v.filters,
  columns: v.columns,
  sort: v.sort,
  shared: v.shared,
});

const requireKeeper = (ctx: Ctx) => {
  if (!policy.canKeepViews(ctx.actor)) throw forbidden('Saved views need access to the case queue');
};

/** The caller's own views and the workspace's shared ones. Throws forbidden for guests. */
export async function listViews(ctx: Ctx): Promise<ViewOut[]> {
  requireKeeper(ctx);
  const rows = await repo.listVisibleViews(ctx.db, ctx.actor.workspaceId, ctx.actor.accountId);
  return rows.map(toView);
}

/** One view the caller may see; throws not_found otherwise (a private view is not disclosed). */
export async function getView(ctx: Ctx, id: number): Promise<ViewOut> {
  requireKeeper(ctx);
  const row = await repo.findView(ctx.db, ctx.actor.workspaceId, id);
  if (!row || !policy.canSeeView(ctx.actor, { ownerId: row.ownerId, shared: row.shared === 1 }))
    throw notFound(`View ${id}`);
  return toView(row);
}

/** Saves a view owned by the caller, audited. Throws forbidden for guests. */
export async function createView(ctx: Ctx, input: ViewInput): Promise<ViewOut> {
  requireKeeper(ctx);
  const at = ctx.clock.now().toISOString();
  const id = await inTransaction(ctx, async (tx, emit) => {
    const id = await repo.insertView(tx, {
      workspaceId: ctx.actor.workspaceId,
      ownerId: ctx.actor.accountId,
      name: input.name,
      filters: JSON.stringify(input.filters),
      columns: JSON.stringify(input.columns),
      sort: input.sort,
      shared: input.shared ? 1 : 0,
      createdAt: at,
      updatedAt: at,
    });
    await emit('view.created', {
      workspaceId: ctx.actor.workspaceId,
      at,
      targetId: id,
      after: audited(input),
    });
    return id;
  });
  return getView(ctx, id);
}

/** Changes a view; throws not_found when unseen, forbidden unless owner or admin. */
export async function updateView(
  ctx: Ctx,
  id: number,
  patch: Partial<ViewInput>,
): Promise<ViewOut> {
  const before = await getView(ctx, id);
  if (!policy.canChangeView(ctx.actor, { ownerId: before.owner.id, shared: before.shared }))
    throw forbidden('Only the owner of a view, or an admin, may change it');
  const at = ctx.clock.now().toISOString();
  const after = { ...before, ...patch };
  await inTransaction(ctx, async (tx, emit) => {
    await repo.updateView(tx, id, {
      name: after.name,
      filters: JSON.stringify(after.filters),
      columns: JSON.stringify(after.columns),
      sort: after.sort,
      shared: after.shared ? 1 : 0,
      updatedAt: at,
    });
    await emit('view.updated', {
      workspaceId: ctx.actor.workspaceId,
      at,
      targetId: id,
      before: audited(before),
      after: audited(after),
    });
  });
  return getView(ctx, id);
}

/** Deletes a view; throws not_found when unseen, forbidden unless owner or admin. */
export async function deleteView(ctx: Ctx, id: number): Promise<void> {
  const before = await getView(ctx, id);
  if (!policy.canChangeView(ctx.actor, { ownerId: before.owner.id, shared: before.shared }))
    throw forbidden('Only the owner of a view, or an admin, may delete it');
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    await repo.deleteView(tx, id);
    await emit('view.deleted', {
      workspaceId: ctx.actor.workspaceId,
      at,
      targetId: id,
      before: audited(before),
    });
  });
}

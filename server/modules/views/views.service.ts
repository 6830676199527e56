import type { Ctx } from '../../context.ts';
import { inTransaction } from '../../events/index.ts';
import type { SavedViewRow } from '../../db/schema.ts';
import { forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import { activityViewFilterKeys, activityViewSortFields } from '../../../contract/views.ts';
import * as policy from './views.policy.ts';
import * as repo from './views.repo.ts';

export type ViewKind = SavedViewRow['kind'];

export interface ViewInput {
  kind: ViewKind;
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
  kind: row.kind,
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
  kind: v.kind,
  name: v.name,
  filters: v.filters,
  columns: v.columns,
  sort: v.sort,
  shared: v.shared,
});

const requireKeeper = (ctx: Ctx) => {
  if (!policy.canKeepViews(ctx.actor)) throw forbidden('Saved views need access to the case queue');
};

const defaultSort: Record<ViewKind, string> = {
  cases: 'updatedAt:desc',
  activities: 'occurredAt:desc',
};

/**
 * An activity view keeps only what the explorer reads back (activityViewFilterKeys, a sort
 * the explorer offers), so a picked view never carries a filter the page would drop unseen.
 */
const checkShape = (kind: ViewKind, v: { filters?: object; sort?: string }) => {
  if (kind !== 'activities') return;
  const unknown = Object.keys(v.filters ?? {}).filter(
    (k) => !(activityViewFilterKeys as readonly string[]).includes(k),
  );
  if (unknown.length)
    throw invalidInput(`An activity view does not keep ${unknown.join(', ')}`, {
      fields: unknown,
    });
  const field = v.sort?.split(':')[0];
  if (field !== undefined && !(activityViewSortFields as readonly string[]).includes(field))
    throw invalidInput(`An activity view sorts by ${activityViewSortFields.join(' or ')}`);
};

/** The caller's own views of one kind and the workspace's shared ones. Throws forbidden for guests. */
export async function listViews(ctx: Ctx, kind: ViewKind): Promise<ViewOut[]> {
  requireKeeper(ctx);
  const rows = await repo.listVisibleViews(
    ctx.db,
    ctx.actor.workspaceId,
    ctx.actor.accountId,
    kind,
  );
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

/**
 * Saves a view owned by the caller, audited. Throws forbidden for guests, invalid_input for an
 * activity view with a filter or sort the explorer does not have.
 */
export async function createView(
  ctx: Ctx,
  given: Omit<ViewInput, 'sort'> & { sort?: string | undefined },
): Promise<ViewOut> {
  requireKeeper(ctx);
  checkShape(given.kind, given);
  const input: ViewInput = { ...given, sort: given.sort ?? defaultSort[given.kind] };
  const at = ctx.clock.now().toISOString();
  const id = await inTransaction(ctx, async (tx, emit) => {
    const id = await repo.insertView(tx, {
      workspaceId: ctx.actor.workspaceId,
      ownerId: ctx.actor.accountId,
      kind: input.kind,
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

/**
 * Changes a view (never its kind); throws not_found when unseen, forbidden unless owner or
 * admin, invalid_input as createView does.
 */
export async function updateView(
  ctx: Ctx,
  id: number,
  patch: Partial<Omit<ViewInput, 'kind'>>,
): Promise<ViewOut> {
  const before = await getView(ctx, id);
  if (!policy.canChangeView(ctx.actor, { ownerId: before.owner.id, shared: before.shared }))
    throw forbidden('Only the owner of a view, or an admin, may change it');
  checkShape(before.kind, patch);
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

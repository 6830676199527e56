import { inTransaction } from '../../events/index.ts';
import { TOTAL_CAP, type Total } from '../../../contract/common.ts';
import type { ListIncidentsQuery, UpdateIncident } from '../../../contract/incidents.ts';
import { severityRank } from '../../../contract/alerts.ts';
import type { Ctx } from '../../context.ts';
import { countUpTo } from '../../db/count.ts';
import { pageOf, readCursor } from '../../db/keyset.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { findRefs } from '../accounts/index.ts';
import { syncAlertResolution } from '../alert-resolution/index.ts';
import { requireAssignable } from '../cases/index.ts';
import { presentIncidentItems, presentIncidents } from './incident-views.ts';
import type { IncidentView } from './incidents.presenter.ts';
import { canEditIncidents, canViewIncidents } from './incidents.policy.ts';
import * as repo from './incidents.repo.ts';
import {
  incidentKeyOf,
  incidentKeys,
  listIncidentQueue,
  selectIncidentQueueIds,
  type IncidentQueueFilter,
} from './queue.repo.ts';

/**
 * The incident queue: filtered, sorted (most recently active first by default; severity and
 * alert count break ties by the last alert), one keyset page at a time, each incident with
 * its case numbers, counted on request. Throws forbidden for guests, invalid_input for a
 * malformed cursor.
 */
export async function listIncidents(ctx: Ctx, f: ListIncidentsQuery) {
  if (!canViewIncidents(ctx.actor)) throw forbidden();
  const ws = ctx.actor.workspaceId;
  const keys = incidentKeys(f.sort, f.order);
  const after = readCursor(f.cursor, keys);
  const filter: IncidentQueueFilter = {
    workspaceId: ws,
    status: f.status,
    severityRanks: f.severity?.map((s) => severityRank[s]),
    subject: f.subject,
    assigneeId:
      f.assignee === undefined
        ? undefined
        : f.assignee === 'none'
          ? null
          : f.assignee === 'me'
            ? ctx.actor.accountId
            : f.assignee,
    linked: f.linked,
  };
  const rows = await listIncidentQueue(ctx.db, filter, keys, after, f.limit);
  const { page, nextCursor } = pageOf(rows, f.limit, (r) => incidentKeyOf(f.sort, r));
  const result: {
    items: Awaited<ReturnType<typeof presentIncidentItems>>;
    nextCursor: string | null;
    total?: Total;
  } = { items: await presentIncidentItems(ctx.db, ws, page), nextCursor };
  if (f.total)
    result.total = await countUpTo(ctx.db, selectIncidentQueueIds(ctx.db, filter), TOTAL_CAP);
  return result;
}

/** An incident the actor may see; throws forbidden for guests, not_found. */
export async function loadIncident(ctx: Ctx, id: number) {
  if (!canViewIncidents(ctx.actor)) throw forbidden();
  const row = await repo.findIncident(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound(`Incident ${id}`);
  return row;
}

/**
 * One incident with the cases covering it and whether it is ready to be resolved (its alerts
 * are put beside it by the route, from alerts). Throws forbidden, not_found.
 */
export async function getIncident(ctx: Ctx, id: number) {
  const row = await loadIncident(ctx, id);
  const [item] = await presentIncidentItems(ctx.db, ctx.actor.workspaceId, [row]);
  const needsReview = await repo.countNeedingReview(ctx.db, id);
  return {
    ...item!,
    needsReview,
    readyToResolve:
      row.status === 'active' && needsReview === 0 && item!.cases.every((c) => c.closed),
  };
}

const staleVersion = () =>
  new AppError(
    'precondition_failed',
    'The incident was changed by someone else since you loaded it; reload and try again',
  );

/**
 * Changes an incident's title, status or assignee, audited; its severity follows its alerts. A
 * status change re-applies the alert resolution rule to its alerts in the same transaction:
 * resolving it resolves its confirmed alerts that no open case covers, reactivating it confirms
 * again those that no closed case covers. With `expectedVersion` (If-Match), answers
 * precondition_failed when the incident moved on. Throws forbidden without triage rights,
 * not_found, invalid_input for an unassignable account.
 */
export async function updateIncident(
  ctx: Ctx,
  id: number,
  changes: UpdateIncident,
  expectedVersion?: number,
): Promise<IncidentView> {
  if (!canEditIncidents(ctx.actor)) throw forbidden();
  const row = await loadIncident(ctx, id);
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion();
  const ws = ctx.actor.workspaceId;
  const values: {
    title?: string;
    titleCustom?: number;
    status?: string;
    assigneeId?: number | null;
  } = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const [shown] = await presentIncidents(ctx.db, [row]);
  if (changes.title !== undefined && changes.title !== shown!.title) {
    values.title = changes.title;
    values.titleCustom = 1;
    before.title = shown!.title;
    after.title = changes.title;
  }
  if (changes.status !== undefined && changes.status !== row.status) {
    values.status = changes.status;
    before.status = row.status;
    after.status = changes.status;
  }
  if (changes.assigneeId !== undefined && changes.assigneeId !== row.assigneeId) {
    const next =
      changes.assigneeId === null
        ? null
        : await requireAssignable(ctx.db, ws, changes.assigneeId, 'assigneeId');
    values.assigneeId = next?.id ?? null;
    before.assignee =
      row.assigneeId === null ? null : ((await findRefs(ctx.db, [row.assigneeId]))[0] ?? null);
    after.assignee = next;
  }
  if (Object.keys(values).length > 0) {
    const at = ctx.clock.now().toISOString();
    await inTransaction(ctx, async (tx, emit) => {
      // The audit event first: it locks the workspace's audit head, which ingestion takes
      // before it grows incidents. Locking the incident row first could deadlock with a batch.
      await emit('incident.updated', {
        workspaceId: ws,
        at,
        targetId: id,
        before,
        after,
      });
      const updated = await repo.updateIncidentAtVersion(tx, id, row.version, {
        ...values,
        updatedAt: at,
        updatedBy: ctx.actor.accountId,
      });
      if (!updated) throw staleVersion();
      if (values.status !== undefined)
        await syncAlertResolution(
          ctx,
          tx,
          { incidentIds: [id] },
          { type: 'incident', incidentId: id },
          at,
        );
    });
  }
  return (await presentIncidents(ctx.db, [(await repo.findIncident(ctx.db, ws, id))!]))[0]!;
}

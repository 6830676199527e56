import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { inTransaction } from '../../events/index.ts';
import { TOTAL_CAP, type Total } from '../../../contract/common.ts';
import type {
  IncidentSort,
  ListIncidentsQuery,
  UpdateIncident,
} from '../../../contract/incidents.ts';
import { severityRank } from '../../../contract/alerts.ts';
import type { Ctx } from '../../context.ts';
import { countUpTo } from '../../db/count.ts';
import type { DB } from '../../db/schema.ts';
import { decodeCursor, encodeCursor, isCursorValue } from '../../lib/cursor.ts';
import { AppError, forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import { findRefs } from '../accounts/index.ts';
import { syncAlertResolution } from '../alert-resolution/index.ts';
import { caseCoversIncident } from '../case-links/index.ts';
import { requireAssignable } from '../cases/index.ts';
import { presentIncidentItems, presentIncidents } from './incident-views.ts';
import type { IncidentView } from './incidents.presenter.ts';
import { canEditIncidents, canViewIncidents } from './incidents.policy.ts';
import * as repo from './incidents.repo.ts';

/** The sort keys before the last alert time and the id; each has an index, alone and by status. */
const leadingKey = {
  severity: 'incidents.severityRank',
  alertCount: 'incidents.alertCount',
} as const;

interface Position {
  lead?: number;
  at: string;
  id: number;
}

const positionOf = (sort: IncidentSort, r: repo.IncidentViewRow): unknown[] =>
  sort === 'lastAlertAt'
    ? [r.lastAlertAt, r.id]
    : [sort === 'severity' ? r.severityRank : r.alertCount, r.lastAlertAt, r.id];

/** Where the previous page ended, when the cursor fits the sort. */
function parseCursor(cursor: string, sort: IncidentSort): Position {
  const values = decodeCursor(cursor) ?? [];
  const [lead, at, id] = sort === 'lastAlertAt' ? [0, ...values] : values;
  if (
    values.length !== (sort === 'lastAlertAt' ? 2 : 3) ||
    typeof lead !== 'number' ||
    typeof at !== 'string' ||
    typeof id !== 'number' ||
    !isCursorValue(lead, 'int') ||
    !isCursorValue(at, 'time') ||
    !isCursorValue(id, 'int')
  )
    throw invalidInput('The cursor is not valid', [
      { path: 'query.cursor', message: 'malformed cursor' },
    ]);
  return sort === 'lastAlertAt' ? { at, id } : { lead, at, id };
}

type Query = SelectQueryBuilder<DB, 'incidents', object>;

/** Every filter of the incident queue (not the cursor), over any query of incidents. */
function applyFilters<Q extends Query>(ctx: Ctx, query: Q, f: ListIncidentsQuery): Q {
  const ws = ctx.actor.workspaceId;
  let q = query.where('incidents.workspaceId', '=', ws) as Q;
  if (f.status?.length) q = q.where('incidents.status', 'in', f.status) as Q;
  if (f.severity?.length)
    q = q.where(
      'incidents.severityRank',
      'in',
      f.severity.map((s) => severityRank[s]),
    ) as Q;
  if (f.subject !== undefined)
    q = q.where(
      'incidents.id',
      'in',
      sql<number>`(select s.incident_id from incident_subjects s
        where s.workspace_id = ${ws} and s.subject_id = ${f.subject})`,
    ) as Q;
  if (f.assignee === 'none') q = q.where('incidents.assigneeId', 'is', null) as Q;
  else if (f.assignee !== undefined)
    q = q.where(
      'incidents.assigneeId',
      '=',
      f.assignee === 'me' ? ctx.actor.accountId : f.assignee,
    ) as Q;
  if (f.linked !== undefined) {
    const inCase = caseCoversIncident({
      id: sql.ref('incidents.id'),
      workspaceId: sql.ref('incidents.workspace_id'),
    });
    q = q.where(f.linked ? inCase : sql<SqlBool>`not ${inCase}`) as Q;
  }
  return q;
}

/**
 * The incident queue: filtered, sorted (most recently active first by default; severity and
 * alert count break ties by the last alert), one keyset page at a time, each incident with
 * its case numbers, counted on request. Throws forbidden for guests, invalid_input for a
 * malformed cursor.
 */
export async function listIncidents(ctx: Ctx, f: ListIncidentsQuery) {
  if (!canViewIncidents(ctx.actor)) throw forbidden();
  const ws = ctx.actor.workspaceId;
  let q = applyFilters(
    ctx,
    repo.selectIncidentViews(ctx.db) as unknown as Query,
    f,
  ) as unknown as ReturnType<typeof repo.selectIncidentViews>;
  const lead = f.sort === 'lastAlertAt' ? undefined : leadingKey[f.sort];
  if (f.cursor) {
    const after = parseCursor(f.cursor, f.sort);
    const cmp = f.order === 'asc' ? '>' : '<';
    q = q.where((eb) =>
      lead === undefined
        ? eb(
            eb.refTuple('incidents.lastAlertAt', 'incidents.id'),
            cmp,
            eb.tuple(after.at, after.id),
          )
        : eb(
            eb.refTuple(lead, 'incidents.lastAlertAt', 'incidents.id'),
            cmp,
            eb.tuple(after.lead ?? 0, after.at, after.id),
          ),
    );
  }
  if (lead !== undefined) q = q.orderBy(lead, f.order);
  const rows = await q
    .orderBy('incidents.lastAlertAt', f.order)
    .orderBy('incidents.id', f.order)
    .limit(f.limit + 1)
    .execute();
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const result: {
    items: Awaited<ReturnType<typeof presentIncidentItems>>;
    nextCursor: string | null;
    total?: Total;
  } = {
    items: await presentIncidentItems(ctx.db, ws, page),
    nextCursor: rows.length > f.limit && last ? encodeCursor(positionOf(f.sort, last)) : null,
  };
  if (f.total) {
    const filtered = applyFilters(ctx, ctx.db.selectFrom('incidents') as unknown as Query, f);
    result.total = await countUpTo(ctx.db, filtered, TOTAL_CAP);
  }
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

import type { ListIncidentsQuery, UpdateIncident } from '../../../contract/incidents.ts';
import type { Ctx } from '../../context.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import { findRefs } from '../accounts/index.ts';
import { syncAlertResolution } from '../alert-resolution/index.ts';
import { canTriageAlerts, canViewAlerts, listAlerts } from '../alerts/index.ts';
import { auditActor, recordAudit } from '../audit/index.ts';
import { requireAssignable } from '../cases/index.ts';
import { presentIncident, type IncidentView } from './incidents.presenter.ts';
import * as repo from './incidents.repo.ts';

/** Incidents, most recently active first, one keyset page at a time. Throws forbidden for guests. */
export async function listIncidents(ctx: Ctx, f: ListIncidentsQuery) {
  if (!canViewAlerts(ctx.actor)) throw forbidden();
  let q = repo
    .selectIncidentViews(ctx.db)
    .where('incidents.workspaceId', '=', ctx.actor.workspaceId);
  if (f.status?.length) q = q.where('incidents.status', 'in', f.status);
  if (f.severity?.length) q = q.where('incidents.severity', 'in', f.severity);
  if (f.subject !== undefined) q = q.where('incidents.subjectId', '=', f.subject);
  if (f.assignee === 'none') q = q.where('incidents.assigneeId', 'is', null);
  else if (f.assignee !== undefined)
    q = q.where(
      'incidents.assigneeId',
      '=',
      f.assignee === 'me' ? ctx.actor.accountId : f.assignee,
    );
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor) ?? [];
    if (typeof at !== 'string' || typeof id !== 'number')
      throw invalidInput('The cursor is not valid', [
        { path: 'query.cursor', message: 'malformed cursor' },
      ]);
    q = q.where((eb) =>
      eb(eb.refTuple('incidents.lastAlertAt', 'incidents.id'), '<', eb.tuple(at, id)),
    );
  }
  const rows = await q
    .orderBy('incidents.lastAlertAt', 'desc')
    .orderBy('incidents.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentIncident),
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.lastAlertAt, last.id]) : null,
  };
}

/** An incident the actor may see; throws forbidden for guests, not_found. */
export async function loadIncident(ctx: Ctx, id: number) {
  if (!canViewAlerts(ctx.actor)) throw forbidden();
  const row = await repo.findIncident(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound(`Incident ${id}`);
  return row;
}

/** One incident with its newest 200 alerts and linked cases. Throws forbidden, not_found. */
export async function getIncident(ctx: Ctx, id: number) {
  const row = await loadIncident(ctx, id);
  const alerts = await listAlerts(ctx, {
    incident: id,
    sort: 'detectedAt',
    order: 'desc',
    limit: 200,
  });
  return {
    ...presentIncident(row),
    alerts: alerts.items,
    caseNumbers: await repo.linkedCaseNumbers(ctx.db, 'incident', id),
  };
}

/**
 * Changes an incident's title, status or assignee, audited; its severity follows its alerts. A
 * status change re-applies the alert resolution rule to its alerts in the same transaction:
 * resolving it resolves its confirmed alerts that no open case covers, reactivating it confirms
 * again those that no closed case covers. Throws forbidden without triage rights, not_found,
 * invalid_input for an unassignable account.
 */
export async function updateIncident(
  ctx: Ctx,
  id: number,
  changes: UpdateIncident,
): Promise<IncidentView> {
  if (!canTriageAlerts(ctx.actor)) throw forbidden();
  const row = await loadIncident(ctx, id);
  const ws = ctx.actor.workspaceId;
  const values: { title?: string; status?: string; assigneeId?: number | null } = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (changes.title !== undefined && changes.title !== row.title) {
    values.title = changes.title;
    before.title = row.title;
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
    await ctx.db.transaction().execute(async (tx) => {
      await repo.updateIncident(tx, id, {
        ...values,
        updatedAt: at,
        updatedBy: ctx.actor.accountId,
      });
      await recordAudit(tx, {
        workspaceId: ws,
        at,
        actor: auditActor(ctx.actor),
        action: 'incident.updated',
        targetType: 'incident',
        targetId: id,
        before,
        after,
      });
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
  return presentIncident((await repo.findIncident(ctx.db, ws, id))!);
}

import type { Ctx } from '../../context.ts';
import { joinUnit } from '../../events/index.ts';
import type { Db } from '../../db/connection.ts';
import { lockAuditChain } from '../audit/index.ts';
import { loadWorkspaceSettings } from '../settings/index.ts';
import * as repo from './alert-resolution.repo.ts';

/** The alerts whose resolution may have changed: a case's, some incidents', some alerts. */
export interface ResolutionScope {
  caseId?: number;
  incidentIds?: number[];
  alertIds?: number[];
}

/** What caused the change, named on its audit events: a case (in its activity log) or an incident. */
export type ResolutionCause =
  { type: 'case'; caseId: number; number: number } | { type: 'incident'; incidentId: number };

const byId = (a: number, b: number) => a - b;

/**
 * Applies the alert resolution rule to the alerts in scope, inside the caller's transaction: an
 * alert confirmed in triage is resolved when no open case covers it (directly or through its
 * incident) and either a closed case covers it or its incident is resolved; otherwise it is
 * confirmed. Alerts waiting for review and dismissed ones never change here. Records one audit
 * event per direction, listing the alert ids. Returns the ids moved each way.
 */
export async function syncAlertResolution(
  ctx: Ctx,
  tx: Db,
  scope: ResolutionScope,
  cause: ResolutionCause,
  at: string,
): Promise<{ resolved: number[]; reopened: number[] }> {
  const ws = ctx.actor.workspaceId;
  // Every change feeding the rule records an audit event, so it holds this lock when it
  // commits: the reads below see all of them.
  await lockAuditChain(tx, ws);
  const ids = new Set(scope.alertIds ?? []);
  if (scope.caseId !== undefined)
    for (const id of await repo.alertIdsOfCase(tx, scope.caseId)) ids.add(id);
  if (scope.incidentIds?.length)
    for (const id of await repo.alertIdsOfIncidents(tx, ws, scope.incidentIds)) ids.add(id);
  const plan = await repo.planStatuses(tx, ws, [...ids]);
  const due = (from: string, to: string) =>
    plan.filter((p) => p.status === from && p.next === to).map((p) => p.id);
  const resolved = await repo.moveStatus(
    tx,
    ws,
    due('confirmed', 'resolved'),
    'confirmed',
    'resolved',
  );
  const reopened = await repo.moveStatus(
    tx,
    ws,
    due('resolved', 'confirmed'),
    'resolved',
    'confirmed',
  );
  const target =
    cause.type === 'case'
      ? ({ targetType: 'case', targetId: cause.number, caseId: cause.caseId } as const)
      : ({ targetType: 'incident', targetId: cause.incidentId, caseId: null } as const);
  const { emit } = joinUnit(tx);
  const record = (
    type: 'alerts.resolved' | 'alerts.reopened',
    alertIds: number[],
    from: string,
    to: string,
  ) =>
    emit(type, {
      workspaceId: ws,
      at,
      ...target,
      before: { status: from },
      after: { status: to, alertIds: alertIds.sort(byId) },
    });
  if (resolved.length > 0) await record('alerts.resolved', resolved, 'confirmed', 'resolved');
  if (reopened.length > 0) await record('alerts.reopened', reopened, 'resolved', 'confirmed');
  return { resolved, reopened };
}

/**
 * With the workspace setting incidents.autoResolve on, resolves the incidents in scope (a
 * case's, some alerts', some incidents') that are ready: active, every alert triaged, no open
 * case covering them. Each is audited and the alert resolution rule re-applied to its alerts,
 * in the caller's transaction. Call it after triage and after a case is resolved or its links
 * change; never after a person reactivated an incident. Returns the incidents it resolved.
 */
export async function settleIncidents(
  ctx: Ctx,
  tx: Db,
  scope: ResolutionScope,
  at: string,
): Promise<number[]> {
  const ws = ctx.actor.workspaceId;
  if (!(await loadWorkspaceSettings(tx, ws)).incidents.autoResolve) return [];
  await lockAuditChain(tx, ws);
  const inScope = await repo.incidentIdsInScope(tx, ws, scope);
  const ready = await repo.readyIncidents(tx, ws, inScope);
  const resolved = await repo.resolveIncidents(tx, ready, at, ctx.actor.accountId || null);
  for (const id of resolved) {
    await joinUnit(tx).emit('incident.resolved_automatically', {
      workspaceId: ws,
      at,
      targetId: id,
      before: { status: 'active' },
      after: { status: 'resolved', because: 'every alert triaged and every covering case closed' },
    });
    await syncAlertResolution(
      ctx,
      tx,
      { incidentIds: [id] },
      { type: 'incident', incidentId: id },
      at,
    );
  }
  return resolved;
}

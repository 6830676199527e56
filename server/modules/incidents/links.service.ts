import type { LinkToCase } from '../../../contract/incidents.ts';
import { inTransaction } from '../../events/index.ts';
import type { Ctx } from '../../context.ts';
import { forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import { settleIncidents, syncAlertResolution } from '../alert-resolution/index.ts';
import { deleteLink, insertLinks, linksOf } from '../case-links/index.ts';
import { loadCase } from '../cases/index.ts';
import { presentIncidents } from './incident-views.ts';
import { canViewIncidents } from './incidents.policy.ts';
import * as repo from './incidents.repo.ts';

type Kind = 'alert' | 'incident';

/** The case, when the actor may see it and alerts too (contributors may not). */
async function loadCaseForLinks(ctx: Ctx, number: number, manage: boolean) {
  const loaded = await loadCase(ctx, number, manage ? 'canManage' : 'canView');
  if (!canViewIncidents(ctx.actor)) throw forbidden();
  return loaded.row;
}

/**
 * The alert ids and incidents linked to a case (the route presents the alerts). Throws
 * not_found, forbidden without alerts.view.
 */
export async function listCaseLinks(ctx: Ctx, number: number) {
  const kase = await loadCaseForLinks(ctx, number, false);
  const links = await linksOf(ctx.db, kase.id);
  const ids = (kind: Kind) => links.filter((l) => l.kind === kind).map((l) => l.refId);
  const rows = [];
  for (const id of ids('incident')) {
    const row = await repo.findIncident(ctx.db, ctx.actor.workspaceId, id);
    if (row) rows.push(row);
  }
  const incidents = await presentIncidents(ctx.db, rows);
  return { alertIds: ids('alert'), incidents };
}

/**
 * Links alerts and incidents to a case (already linked ones are kept), audited on the case; the
 * alert resolution rule is re-applied to the alerts newly covered, in the same transaction.
 * Throws invalid_input naming ids that do not exist, forbidden without cases.manage.
 */
export async function linkToCase(ctx: Ctx, number: number, input: LinkToCase) {
  const kase = await loadCaseForLinks(ctx, number, true);
  const ws = ctx.actor.workspaceId;
  const wanted: Record<Kind, number[]> = {
    alert: [...new Set(input.alertIds ?? [])],
    incident: [...new Set(input.incidentIds ?? [])],
  };
  const problems = [];
  for (const kind of ['alert', 'incident'] as const) {
    const found = new Set(await repo.existingIds(ctx.db, ws, kind, wanted[kind]));
    for (const [i, id] of wanted[kind].entries())
      if (!found.has(id))
        problems.push({ path: `body.${kind}Ids.${i}`, message: `no ${kind} ${id}` });
  }
  if (problems.length > 0) throw invalidInput('Some of the given ids do not exist', problems);
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    const added: Record<Kind, number[]> = { alert: [], incident: [] };
    for (const kind of ['alert', 'incident'] as const) {
      added[kind] = await insertLinks(
        tx,
        wanted[kind].map((refId) => ({
          workspaceId: ws,
          caseId: kase.id,
          kind,
          refId,
          linkedAt: at,
          linkedBy: ctx.actor.accountId,
        })),
      );
    }
    if (added.alert.length + added.incident.length === 0) return;
    await emit('case.linked', {
      workspaceId: ws,
      at,
      targetId: kase.number,
      caseId: kase.id,
      after: {
        alertIds: added.alert.sort((a, b) => a - b),
        incidentIds: added.incident.sort((a, b) => a - b),
      },
    });
    await syncAlertResolution(
      ctx,
      tx,
      { alertIds: added.alert, incidentIds: added.incident },
      { type: 'case', caseId: kase.id, number: kase.number },
      at,
    );
    await settleIncidents(ctx, tx, { alertIds: added.alert, incidentIds: added.incident }, at);
  });
  return listCaseLinks(ctx, number);
}

/**
 * Unlinks one alert or incident from a case, audited; the alert resolution rule is re-applied to
 * the alerts it covered, in the same transaction. Throws not_found.
 */
export async function unlinkFromCase(ctx: Ctx, number: number, kind: Kind, id: number) {
  const kase = await loadCaseForLinks(ctx, number, true);
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    if (!(await deleteLink(tx, kase.id, kind, id)))
      throw notFound(`A link from case ${number} to ${kind} ${id}`);
    await emit('case.unlinked', {
      workspaceId: ctx.actor.workspaceId,
      at,
      targetId: kase.number,
      caseId: kase.id,
      before: { [`${kind}Id`]: id },
    });
    await syncAlertResolution(
      ctx,
      tx,
      kind === 'alert' ? { alertIds: [id] } : { incidentIds: [id] },
      { type: 'case', caseId: kase.id, number: kase.number },
      at,
    );
    await settleIncidents(
      ctx,
      tx,
      kind === 'alert' ? { alertIds: [id] } : { incidentIds: [id] },
      at,
    );
  });
}

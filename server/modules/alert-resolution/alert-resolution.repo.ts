import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { chunks } from '../../db/bulk.ts';
import {
  alertsCoveredBy,
  caseCoversAlert,
  caseCoversIncident,
  closedCase,
  incidentsCoveredBy,
  openCase,
} from '../case-links/index.ts';

/** Ids of the alerts a case covers (the rule in case-links). */
export async function alertIdsOfCase(db: Db, caseId: number): Promise<number[]> {
  const rows = await alertsCoveredBy(caseId).execute(db);
  return rows.rows.map((r) => Number(r.id));
}

/** Ids of the alerts grouped into the given incidents. */
export async function alertIdsOfIncidents(
  db: Db,
  workspaceId: number,
  incidentIds: number[],
): Promise<number[]> {
  const out: number[] = [];
  for (const part of chunks(incidentIds)) {
    const rows = await db
      .selectFrom('alerts')
      .select('id')
      .where('workspaceId', '=', workspaceId)
      .where('incidentId', 'in', part)
      .execute();
    out.push(...rows.map((r) => r.id));
  }
  return out;
}

const alertA = {
  id: sql.ref('a.id'),
  incidentId: sql.ref('a.incident_id'),
  workspaceId: sql.ref('a.workspace_id'),
};

/**
 * For each of the given alerts that was confirmed in triage, its status now and the status the
 * resolution rule gives it: confirmed while an open case covers it, else resolved when a closed
 * case covers it or its incident is resolved, else confirmed.
 */
export async function planStatuses(
  db: Db,
  workspaceId: number,
  alertIds: number[],
): Promise<Array<{ id: number; status: string; next: string }>> {
  const out = [];
  for (const part of chunks(alertIds)) {
    const rows = await sql<{ id: number; status: string; next: string }>`select a.id, a.status,
        case
          when ${caseCoversAlert(alertA, openCase)} then 'confirmed'
          when ${caseCoversAlert(alertA, closedCase)}
            or exists (select 1 from incidents i where i.id = a.incident_id and i.status = 'resolved')
            then 'resolved'
          else 'confirmed'
        end as next
      from alerts a
      where a.workspace_id = ${workspaceId}
        and a.id in (${sql.join(part)})
        and a.status in ('confirmed', 'resolved')`.execute(db);
    out.push(...rows.rows.map((r) => ({ ...r, id: Number(r.id) })));
  }
  return out;
}

/** Moves the given alerts from one status to another; returns the ids that were moved. */
export async function moveStatus(
  db: Db,
  workspaceId: number,
  alertIds: number[],
  from: string,
  to: string,
): Promise<number[]> {
  const out: number[] = [];
  for (const part of chunks(alertIds)) {
    const rows = await db
      .updateTable('alerts')
      .set({ status: to })
      .where('workspaceId', '=', workspaceId)
      .where('id', 'in', part)
      .where('status', '=', from)
      .returning('id')
      .execute();
    out.push(...rows.map((r) => r.id));
  }
  return out;
}

/** The incidents a case covers (linked, or holding an alert linked to it) or alerts belong to. */
export async function incidentIdsInScope(
  db: Db,
  workspaceId: number,
  scope: { caseId?: number; alertIds?: number[]; incidentIds?: number[] },
): Promise<number[]> {
  const out = new Set(scope.incidentIds ?? []);
  if (scope.caseId !== undefined) {
    const rows = await incidentsCoveredBy(scope.caseId).execute(db);
    for (const r of rows.rows) out.add(Number(r.id));
  }
  for (const part of chunks(scope.alertIds ?? [])) {
    const rows = await db
      .selectFrom('alerts')
      .select('incidentId')
      .where('workspaceId', '=', workspaceId)
      .where('id', 'in', part)
      .where('incidentId', 'is not', null)
      .execute();
    for (const r of rows) out.add(r.incidentId!);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Of the given incidents, the active ones whose every alert is triaged and that no open case
 * covers, through a link to the incident or to one of its alerts.
 */
export async function readyIncidents(
  db: Db,
  workspaceId: number,
  incidentIds: number[],
): Promise<number[]> {
  const out: number[] = [];
  for (const part of chunks(incidentIds)) {
    const rows = await sql<{ id: number }>`select i.id from incidents i
      where i.workspace_id = ${workspaceId} and i.id in (${sql.join(part)}) and i.status = 'active'
        and not exists (select 1 from alerts a where a.incident_id = i.id and a.status = 'needs_review')
        and not ${caseCoversIncident({ id: sql.ref('i.id'), workspaceId: sql.ref('i.workspace_id') }, openCase)}`.execute(
      db,
    );
    out.push(...rows.rows.map((r) => Number(r.id)));
  }
  return out;
}

/** Resolves the given incidents that are still active; returns those it resolved. */
export async function resolveIncidents(
  db: Db,
  ids: number[],
  at: string,
  by: number | null,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('incidents')
    .set((eb) => ({
      status: 'resolved',
      version: eb('version', '+', 1),
      updatedAt: at,
      updatedBy: by,
    }))
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .returning('id')
    .execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

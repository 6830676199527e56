import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { chunks } from '../../db/bulk.ts';

/**
 * Ids of the alerts a case covers: linked directly or through a linked incident. Each half
 * reads an index (case links by case, alerts by incident), never a scan of the alerts.
 */
export async function alertIdsOfCase(db: Db, caseId: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`select l1.ref_id as id from case_links l1
      where l1.case_id = ${caseId} and l1.kind = 'alert'
    union
    select a2.id from case_links l2 join alerts a2 on a2.incident_id = l2.ref_id
      where l2.case_id = ${caseId} and l2.kind = 'incident'`.execute(db);
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

/** True when a case in the given state covers the alert `a` through a link of `kind`. */
const coveredBy = (kind: 'alert' | 'incident', closed: boolean) =>
  sql`exists (select 1 from case_links l join cases c on c.id = l.case_id
    where l.workspace_id = a.workspace_id and l.kind = ${kind}
      and l.ref_id = ${kind === 'alert' ? sql.ref('a.id') : sql.ref('a.incident_id')}
      and c.status_category ${closed ? sql`=` : sql`<>`} 'closed')`;

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
          when ${coveredBy('alert', false)} or ${coveredBy('incident', false)} then 'confirmed'
          when ${coveredBy('alert', true)} or ${coveredBy('incident', true)}
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

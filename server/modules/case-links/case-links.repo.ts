import { sql } from 'kysely';
import { chunks } from '../../db/bulk.ts';
import type { Db } from '../../db/connection.ts';

export type LinkKind = 'alert' | 'incident';

export interface LinkRow {
  workspaceId: number;
  caseId: number;
  kind: LinkKind;
  refId: number;
  linkedAt: string;
  linkedBy: number | null;
}

/** The alerts and incidents linked to a case directly, in the order they were linked. */
export const linksOf = (db: Db, caseId: number) =>
  db
    .selectFrom('caseLinks')
    .select(['kind', 'refId'])
    .where('caseId', '=', caseId)
    .orderBy('linkedAt')
    .execute();

/** Links alerts or incidents to a case; returns the ref ids whose link is new. */
export async function insertLinks(db: Db, rows: LinkRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const out = await db
    .insertInto('caseLinks')
    .values(rows)
    .onConflict((oc) => oc.columns(['caseId', 'kind', 'refId']).doNothing())
    .returning('refId')
    .execute();
  return out.map((r) => r.refId);
}

/** Removes one link; false when there was none. */
export const deleteLink = async (db: Db, caseId: number, kind: LinkKind, refId: number) =>
  (
    await db
      .deleteFrom('caseLinks')
      .where('caseId', '=', caseId)
      .where('kind', '=', kind)
      .where('refId', '=', refId)
      .executeTakeFirst()
  ).numDeletedRows > 0n;

/** Numbers of the cases an alert or incident is linked to directly. */
export const linkedCaseNumbers = async (db: Db, kind: LinkKind, refId: number) =>
  (
    await db
      .selectFrom('caseLinks')
      .innerJoin('cases', 'cases.id', 'caseLinks.caseId')
      .select('cases.number')
      .where('caseLinks.kind', '=', kind)
      .where('caseLinks.refId', '=', refId)
      .orderBy('cases.number')
      .execute()
  ).map((r) => r.number);

export interface CoveringCaseRow {
  incidentId: number;
  number: number;
  title: string;
  statusCategory: string;
  via: 'incident' | 'alerts';
}

/**
 * The cases covering each incident (the rule in coverage.ts), each saying whether it is linked
 * to the incident or to some of its alerts.
 */
export async function casesCoveringIncidents(
  db: Db,
  workspaceId: number,
  incidentIds: number[],
): Promise<CoveringCaseRow[]> {
  const out: CoveringCaseRow[] = [];
  for (const part of chunks(incidentIds, 200)) {
    const ids = sql.join(part);
    const rows = await sql<CoveringCaseRow>`select l.ref_id as "incidentId", c.number, c.title,
        c.status_category as "statusCategory", 'incident' as via
      from case_links l join cases c on c.id = l.case_id
      where l.workspace_id = ${workspaceId} and l.kind = 'incident' and l.ref_id in (${ids})
      union
      select a.incident_id as "incidentId", c.number, c.title,
        c.status_category as "statusCategory", 'alerts' as via
      from alerts a
        join case_links l on l.workspace_id = a.workspace_id and l.kind = 'alert' and l.ref_id = a.id
        join cases c on c.id = l.case_id
      where a.workspace_id = ${workspaceId} and a.incident_id in (${ids})`.execute(db);
    out.push(
      ...rows.rows.map((r) => ({
        ...r,
        incidentId: Number(r.incidentId),
        number: Number(r.number),
      })),
    );
  }
  return out;
}

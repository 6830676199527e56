import { sql, type Updateable } from 'kysely';
import { chunks } from '../../db/bulk.ts';
import type { Db } from '../../db/connection.ts';
import type { IncidentsTable } from '../../db/schema.ts';

/** Incidents with their subject's and assignee's names, ready to present. */
export function selectIncidentViews(db: Db) {
  return db
    .selectFrom('incidents')
    .leftJoin('subjects as sj', 'sj.id', 'incidents.subjectId')
    .leftJoin('accounts as asg', 'asg.id', 'incidents.assigneeId')
    .selectAll('incidents')
    .select(['sj.name as subjectName', 'sj.email as subjectEmail', 'asg.name as assigneeName']);
}
export type IncidentViewRow = Awaited<
  ReturnType<ReturnType<typeof selectIncidentViews>['executeTakeFirstOrThrow']>
>;

export const findIncident = (db: Db, workspaceId: number, id: number) =>
  selectIncidentViews(db)
    .where('incidents.workspaceId', '=', workspaceId)
    .where('incidents.id', '=', id)
    .executeTakeFirst();

/** Updates an incident only if it is still at `version`; false when someone changed it first. */
export const updateIncidentAtVersion = async (
  db: Db,
  id: number,
  version: number,
  values: Updateable<IncidentsTable>,
) =>
  (
    await db
      .updateTable('incidents')
      .set({ ...values, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst()
  ).numUpdatedRows > 0n;

/** Of the given ids, those that exist in the workspace's table of that kind. */
export async function existingIds(
  db: Db,
  workspaceId: number,
  kind: 'alert' | 'incident',
  ids: number[],
): Promise<number[]> {
  if (ids.length === 0) return [];
  const table = kind === 'alert' ? 'alerts' : 'incidents';
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}

export const linksOf = (db: Db, caseId: number) =>
  db
    .selectFrom('caseLinks')
    .select(['kind', 'refId'])
    .where('caseId', '=', caseId)
    .orderBy('linkedAt')
    .execute();

export async function insertLinks(
  db: Db,
  rows: Array<{
    workspaceId: number;
    caseId: number;
    kind: string;
    refId: number;
    linkedAt: string;
    linkedBy: number | null;
  }>,
): Promise<number[]> {
  if (rows.length === 0) return [];
  const out = await db
    .insertInto('caseLinks')
    .values(rows)
    .onConflict((oc) => oc.columns(['caseId', 'kind', 'refId']).doNothing())
    .returning('refId')
    .execute();
  return out.map((r) => r.refId);
}

export const deleteLink = async (db: Db, caseId: number, kind: string, refId: number) =>
  (
    await db
      .deleteFrom('caseLinks')
      .where('caseId', '=', caseId)
      .where('kind', '=', kind)
      .where('refId', '=', refId)
      .executeTakeFirst()
  ).numDeletedRows > 0n;

/** The subjects of each incident, in the order of their first alert. */
export async function subjectsOfIncidents(db: Db, incidentIds: number[]) {
  const rows = [];
  for (const part of chunks(incidentIds, 500)) {
    rows.push(
      ...(await db
        .selectFrom('incidentSubjects')
        .innerJoin('subjects', 'subjects.id', 'incidentSubjects.subjectId')
        .select([
          'incidentSubjects.incidentId',
          'subjects.id',
          'subjects.name',
          'subjects.email',
          'incidentSubjects.firstAlertAt',
        ])
        .where('incidentSubjects.incidentId', 'in', part)
        .orderBy('incidentSubjects.incidentId')
        .orderBy('incidentSubjects.firstAlertAt')
        .orderBy('subjects.id')
        .execute()),
    );
  }
  return rows;
}

export interface CoveringCaseRow {
  incidentId: number;
  number: number;
  title: string;
  statusCategory: string;
  via: 'incident' | 'alerts';
}

/**
 * The cases covering each incident: linked to it, or to one of its alerts (confirming an alert
 * links it). Each half reads an index: links by incident, alerts by incident, links by alert.
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

/** How many alerts of the incident wait for triage. */
export const countNeedingReview = async (db: Db, incidentId: number) =>
  Number(
    (
      await db
        .selectFrom('alerts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('incidentId', '=', incidentId)
        .where('status', '=', 'needs_review')
        .executeTakeFirstOrThrow()
    ).n,
  );

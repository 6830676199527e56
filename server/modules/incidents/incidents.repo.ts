import type { Updateable } from 'kysely';
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

export const linkedCaseNumbers = async (db: Db, kind: string, refId: number) =>
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

/** The case numbers each of the given incidents is linked to, ascending; one query for a page. */
export async function caseNumbersByIncident(
  db: Db,
  workspaceId: number,
  incidentIds: number[],
): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (incidentIds.length === 0) return out;
  const rows = await db
    .selectFrom('caseLinks')
    .innerJoin('cases', 'cases.id', 'caseLinks.caseId')
    .select(['caseLinks.refId', 'cases.number'])
    .where('caseLinks.workspaceId', '=', workspaceId)
    .where('caseLinks.kind', '=', 'incident')
    .where('caseLinks.refId', 'in', incidentIds)
    .orderBy('cases.number')
    .execute();
  for (const r of rows) out.set(r.refId, [...(out.get(r.refId) ?? []), r.number]);
  return out;
}

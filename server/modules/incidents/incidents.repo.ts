import type { Updateable } from 'kysely';
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

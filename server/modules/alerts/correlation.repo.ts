import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { IncidentsTable } from '../../db/schema.ts';
import { chunks } from './alerts.repo.ts';

/**
 * Active incidents a batch may join, with alerts inside [from, to]: holding an alert of one of
 * the subjects detected since `from`, or an alert with one of the entity values.
 */
export async function findCandidateIncidents(
  db: Db,
  workspaceId: number,
  subjectIds: number[],
  values: string[],
  from: string,
  to: string,
) {
  const found = new Map<number, Awaited<ReturnType<typeof candidatesQuery>>[number]>();
  const candidatesQuery = (where: 'subject' | 'value', part: Array<number | string>) =>
    db
      .selectFrom('incidents')
      .select(['id', 'subjectId', 'severityRank', 'alertCount', 'firstAlertAt', 'lastAlertAt'])
      .where('workspaceId', '=', workspaceId)
      .where('status', '=', 'active')
      .where('lastAlertAt', '>=', from)
      .where('firstAlertAt', '<=', to)
      .where((eb) =>
        where === 'subject'
          ? eb(
              'id',
              'in',
              eb
                .selectFrom('alerts')
                .select('alerts.incidentId')
                .where('alerts.subjectId', 'in', part as number[])
                .where('alerts.detectedAt', '>=', from),
            )
          : eb(
              'id',
              'in',
              eb
                .selectFrom('alertEntities')
                .select('alertEntities.incidentId')
                .where('alertEntities.workspaceId', '=', workspaceId)
                .where('alertEntities.value', 'in', part as string[]),
            ),
      )
      .execute();
  for (const part of chunks(subjectIds, 500))
    for (const r of await candidatesQuery('subject', part)) found.set(r.id, r);
  for (const part of chunks(values, 500))
    for (const r of await candidatesQuery('value', part)) found.set(r.id, r);
  return [...found.values()];
}

/** Which of the subjects have alerts in which of the incidents. */
export async function subjectsOfIncidents(db: Db, incidentIds: number[], subjectIds: number[]) {
  const rows = [];
  for (const ids of chunks(incidentIds, 500))
    for (const part of chunks(subjectIds, 500))
      rows.push(
        ...(await db
          .selectFrom('alerts')
          .select(['incidentId', 'subjectId'])
          .distinct()
          .where('incidentId', 'in', ids)
          .where('subjectId', 'in', part)
          .execute()),
      );
  return rows;
}

/** The (type, value) entities of the given incidents among the given values. */
export async function entitiesOfIncidents(db: Db, incidentIds: number[], values: string[]) {
  const rows = [];
  for (const ids of chunks(incidentIds, 500))
    for (const part of chunks(values, 500))
      rows.push(
        ...(await db
          .selectFrom('alertEntities')
          .select(['incidentId', 'type', 'value'])
          .where('incidentId', 'in', ids)
          .where('value', 'in', part)
          .execute()),
      );
  return rows;
}

export const insertIncident = async (db: Db, row: Insertable<IncidentsTable>) =>
  (await db.insertInto('incidents').values(row).returning('id').executeTakeFirstOrThrow()).id;

export const growIncident = (
  db: Db,
  id: number,
  values: {
    alertCount: number;
    firstAlertAt: string;
    lastAlertAt: string;
    severity: string;
    severityRank: number;
    updatedAt: string;
  },
) => db.updateTable('incidents').set(values).where('id', '=', id).execute();

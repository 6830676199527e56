import { sql, type Insertable } from 'kysely';
import { chunks, updateManyById } from '../../db/bulk.ts';
import type { Db } from '../../db/connection.ts';
import type { IncidentKeysTable, IncidentSubjectsTable, IncidentsTable } from '../../db/schema.ts';
import { isIncidentLinked } from '../case-links/index.ts';

// What correlation (in alerts) reads and writes of incidents, their keys and their subjects.

/**
 * Active incidents holding one of the correlation keys, with alerts inside [from, to]: one row
 * per (incident, matching key).
 */
export async function findCandidateIncidents(
  db: Db,
  workspaceId: number,
  keys: string[],
  from: string,
  to: string,
) {
  const rows = [];
  for (const part of chunks(keys, 500)) {
    rows.push(
      ...(await db
        .selectFrom('incidentKeys')
        .innerJoin('incidents', 'incidents.id', 'incidentKeys.incidentId')
        .select([
          'incidentKeys.key',
          'incidents.id',
          'incidents.severityRank',
          'incidents.alertCount',
          'incidents.firstAlertAt',
          'incidents.lastAlertAt',
          'incidents.leadRank',
          'incidents.titleCustom',
          'incidents.title',
          'incidents.subjectId',
        ])
        .where('incidentKeys.workspaceId', '=', workspaceId)
        .where('incidentKeys.key', 'in', part)
        .where('incidents.status', '=', 'active')
        .where('incidents.lastAlertAt', '>=', from)
        .where('incidents.firstAlertAt', '<=', to)
        .execute()),
    );
  }
  return rows;
}

export async function insertIncidentKeys(db: Db, rows: Insertable<IncidentKeysTable>[]) {
  for (const part of chunks(rows, 1000)) {
    await db
      .insertInto('incidentKeys')
      .values(part)
      .onConflict((oc) => oc.columns(['incidentId', 'key']).doNothing())
      .execute();
  }
}

export async function deleteIncidentKeys(db: Db, incidentIds: number[]) {
  for (const part of chunks(incidentIds, 500)) {
    await db.deleteFrom('incidentKeys').where('incidentId', 'in', part).execute();
  }
}

/**
 * Inserts incidents, a few statements for many, and returns their ids in the order given:
 * both engines number the rows of one statement in ascending order as they insert them.
 */
export async function insertIncidents(db: Db, rows: Insertable<IncidentsTable>[]) {
  const ids: number[] = [];
  for (const part of chunks(rows, 200)) {
    const got = await db.insertInto('incidents').values(part).returning('id').execute();
    ids.push(...got.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

/** Records what correlation added to existing incidents, in a few statements. */
export const growIncidents = (
  db: Db,
  rows: Array<{
    id: number;
    values: {
      alert_count: number;
      first_alert_at: string;
      last_alert_at: string;
      severity: string;
      severity_rank: number;
      lead_rank: number;
      title: string;
      subject_id: number | null;
      updated_at: string;
    };
  }>,
) =>
  updateManyById(
    db,
    'incidents',
    {
      alert_count: 'integer',
      first_alert_at: 'time',
      last_alert_at: 'time',
      severity: 'text',
      severity_rank: 'integer',
      lead_rank: 'integer',
      title: 'text',
      subject_id: 'integer',
      updated_at: 'time',
    },
    rows,
  );

/** Adds subjects to incidents; a subject already listed keeps its first alert time. */
export async function insertIncidentSubjects(db: Db, rows: Insertable<IncidentSubjectsTable>[]) {
  for (const part of chunks(rows, 1000)) {
    await db
      .insertInto('incidentSubjects')
      .values(part)
      .onConflict((oc) => oc.columns(['incidentId', 'subjectId']).doNothing())
      .execute();
  }
}

/** The incidents that hold one of the keys, whether each is active and linked to a case. */
export async function findIncidentsHoldingKeys(db: Db, workspaceId: number, keys: string[]) {
  const out = new Map<number, { id: number; status: string; linked: boolean }>();
  for (const part of chunks(keys, 500)) {
    const rows = await db
      .selectFrom('incidentKeys')
      .innerJoin('incidents', 'incidents.id', 'incidentKeys.incidentId')
      .select([
        'incidents.id',
        'incidents.status',
        isIncidentLinked({
          id: sql.ref('incidents.id'),
          workspaceId: sql.ref('incidents.workspace_id'),
        }).as('linked'),
      ])
      .where('incidentKeys.workspaceId', '=', workspaceId)
      .where('incidentKeys.key', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, { id: r.id, status: r.status, linked: Boolean(r.linked) });
  }
  return [...out.values()].sort((a, b) => a.id - b.id);
}

export async function deleteKeys(db: Db, workspaceId: number, keys: string[]) {
  for (const part of chunks(keys, 500)) {
    await db
      .deleteFrom('incidentKeys')
      .where('workspaceId', '=', workspaceId)
      .where('key', 'in', part)
      .execute();
  }
}

export const findIncidentForSplit = (db: Db, id: number) =>
  db
    .selectFrom('incidents')
    .select(['id', 'title', 'titleCustom', 'assigneeId', 'status', 'firstAlertAt'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

export async function replaceIncidentSubjects(
  db: Db,
  incidentIds: number[],
  rows: Insertable<IncidentSubjectsTable>[],
) {
  for (const part of chunks(incidentIds, 500))
    await db.deleteFrom('incidentSubjects').where('incidentId', 'in', part).execute();
  await insertIncidentSubjects(db, rows);
}

export async function replaceIncidentKeys(
  db: Db,
  incidentIds: number[],
  rows: Insertable<IncidentKeysTable>[],
) {
  await deleteIncidentKeys(db, incidentIds);
  await insertIncidentKeys(db, rows);
}

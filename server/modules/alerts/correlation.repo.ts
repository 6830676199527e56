import { sql, type Insertable } from 'kysely';
import { chunks, updateManyById } from '../../db/bulk.ts';
import type { Db } from '../../db/connection.ts';
import type {
  EntitySubjectsTable,
  IncidentKeysTable,
  IncidentSubjectsTable,
  IncidentsTable,
} from '../../db/schema.ts';

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

/** Records that each value was seen with each subject, keeping the latest time. */
export async function touchEntitySubjects(db: Db, rows: Insertable<EntitySubjectsTable>[]) {
  for (const part of chunks(rows, 1000)) {
    await db
      .insertInto('entitySubjects')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['workspaceId', 'key', 'subjectId']).doUpdateSet({
          lastSeenAt: sql`case when excluded.last_seen_at > entity_subjects.last_seen_at
            then excluded.last_seen_at else entity_subjects.last_seen_at end`,
        }),
      )
      .execute();
  }
}

/** How many subjects each value was seen with since `from`: only values seen at all appear. */
export async function countEntitySubjects(
  db: Db,
  workspaceId: number,
  keys: string[],
  from: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunks(keys, 500)) {
    const rows = await db
      .selectFrom('entitySubjects')
      .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspaceId', '=', workspaceId)
      .where('key', 'in', part)
      .where('lastSeenAt', '>=', from)
      .groupBy('key')
      .execute();
    for (const r of rows) out.set(r.key, Number(r.n));
  }
  return out;
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
        sql<number>`exists (select 1 from case_links cl where cl.workspace_id = incidents.workspace_id
          and cl.kind = 'incident' and cl.ref_id = incidents.id)`.as('linked'),
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

/** An incident's alerts in detection order, with what correlation needs of them. */
export const alertsOfIncident = (db: Db, incidentId: number) =>
  db
    .selectFrom('alerts')
    .select(['id', 'subjectId', 'detectedAt', 'severityRank', 'riskScore', 'title'])
    .where('incidentId', '=', incidentId)
    .orderBy('detectedAt')
    .orderBy('id')
    .execute();

export async function entitiesOfAlerts(db: Db, alertIds: number[]) {
  const rows = [];
  for (const part of chunks(alertIds, 500)) {
    rows.push(
      ...(await db
        .selectFrom('alertEntities')
        .select(['alertId', 'type', 'value'])
        .where('alertId', 'in', part)
        .execute()),
    );
  }
  return rows;
}

/** Moves alerts (and their entities) to an incident, each with the key that put it there. */
export async function moveAlerts(
  db: Db,
  incidentId: number,
  alerts: Array<{ id: number; key: string }>,
) {
  await updateManyById(
    db,
    'alerts',
    { incident_id: 'integer', correlation_key: 'text' },
    alerts.map((a) => ({ id: a.id, values: { incident_id: incidentId, correlation_key: a.key } })),
  );
  for (const part of chunks(
    alerts.map((a) => a.id),
    500,
  )) {
    await db
      .updateTable('alertEntities')
      .set({ incidentId })
      .where('alertId', 'in', part)
      .execute();
  }
}

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

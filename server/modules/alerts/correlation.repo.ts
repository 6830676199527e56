import { sql, type Insertable } from 'kysely';
import { chunks, updateManyById } from '../../db/bulk.ts';
import type { Db } from '../../db/connection.ts';
import type { EntitySubjectsTable } from '../../db/schema.ts';

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

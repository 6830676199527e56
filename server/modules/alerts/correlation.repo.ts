import type { Insertable } from 'kysely';
import { chunks, updateManyById } from '../../db/bulk.ts';
import type { Db } from '../../db/connection.ts';
import type { IncidentKeysTable, IncidentsTable } from '../../db/schema.ts';

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
      updated_at: 'time',
    },
    rows,
  );

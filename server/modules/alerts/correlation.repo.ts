import type { Insertable } from 'kysely';
import { updateManyById } from '../../db/bulk.ts';
import type { Db } from '../../db/connection.ts';
import type { IncidentKeysTable, IncidentsTable } from '../../db/schema.ts';
import { chunks } from './alerts.repo.ts';

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

export const insertIncident = async (db: Db, row: Insertable<IncidentsTable>) =>
  (await db.insertInto('incidents').values(row).returning('id').executeTakeFirstOrThrow()).id;

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

import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * Incidents carry a version for If-Match, and the incident queue's other sort keys get their
 * access paths: each sort key, then the last alert time and the id, alone and by status.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('incidents')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  const indexes: Array<[string, string[]]> = [
    ['incidents_severity', ['workspace_id', 'severity_rank', 'last_alert_at', 'id']],
    [
      'incidents_status_severity',
      ['workspace_id', 'status', 'severity_rank', 'last_alert_at', 'id'],
    ],
    ['incidents_count', ['workspace_id', 'alert_count', 'last_alert_at', 'id']],
    ['incidents_status_count', ['workspace_id', 'status', 'alert_count', 'last_alert_at', 'id']],
  ];
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).on('incidents').columns(columns).execute();
  }
}

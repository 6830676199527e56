import { sql, type Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * What the subject list sorts by, kept on the subject row: the activity risk score
 * (`activity_risk_score`, by the rule of docs/investigation.md) and the UTC day it was worked
 * out for (`activity_risk_on`; null until first worked out), and the time of the subject's
 * latest activity event (`last_activity_at`, filled here from the stored events). Ingestion
 * keeps them for the subjects a batch touches, an hourly duty re-works the scores that fade
 * with the days. One index per list order, each ending in the id.
 */
export async function up(db: AnyDb): Promise<void> {
  const { time } = columnTypes(db);
  await db.schema
    .alterTable('subjects')
    .addColumn('activity_risk_score', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('subjects').addColumn('activity_risk_on', 'text').execute();
  await db.schema.alterTable('subjects').addColumn('last_activity_at', time).execute();
  await sql`update subjects set last_activity_at = (
      select max(e.occurred_at) from activity_events e
      where e.workspace_id = subjects.workspace_id and e.subject_id = subjects.id)`.execute(db);
  const indexes: Array<[string, string[]]> = [
    ['subjects_activity_risk', ['workspace_id', 'activity_risk_score', 'id']],
    ['subjects_alert_risk', ['workspace_id', 'risk_score', 'id']],
    ['subjects_alert_count', ['workspace_id', 'alert_count', 'id']],
    ['subjects_last_activity', ['workspace_id', 'last_activity_at', 'id']],
    ['subjects_risk_due', ['activity_risk_on', 'activity_risk_score']],
  ];
  for (const [name, columns] of indexes)
    await db.schema.createIndex(name).on('subjects').columns(columns).execute();
  // The cases about a subject, most recently updated first (the subject profile).
  await db.schema
    .createIndex('cases_subject_updated')
    .on('cases')
    .columns(['workspace_id', 'subject_id', 'updated_at', 'id'])
    .execute();
}

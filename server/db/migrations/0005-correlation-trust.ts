import { sql, type Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * Correlation people can trust, and triage with a category:
 * - `alerts.correlation_key`: why the alert is in its incident (`opened`, `s:<subject id>` or
 *   `e:<type>:<value>`); null for alerts stored before it was recorded.
 * - `alerts.dismiss_category`: false_positive | benign_true_positive | duplicate | other;
 *   alerts dismissed before get `other`.
 * - `incident_subjects`: every subject of an incident's alerts.
 * - `entity_subjects`: which subjects each correlating value was seen with, and when last, so a
 *   value common to many people stops correlating.
 * - `incidents.lead_rank` and `incidents.title_custom`: the incident's title follows its most
 *   severe alert until a person renames it.
 * - `workspace_settings`: per-workspace settings as one JSON document.
 */
export async function up(db: AnyDb): Promise<void> {
  const { time } = columnTypes(db);
  await db.schema.alterTable('alerts').addColumn('correlation_key', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('dismiss_category', 'text').execute();
  await db
    .updateTable('alerts')
    .set({ dismiss_category: 'other' })
    .where('status', '=', 'dismissed')
    .execute();
  // Dismissed alerts by category: few rows in a big table, so a partial index.
  await db.schema
    .createIndex('alerts_dismiss_category')
    .on('alerts')
    .columns(['workspace_id', 'dismiss_category', 'detected_at', 'id'])
    .where(sql.ref('dismiss_category'), 'is not', null)
    .execute();

  await db.schema
    .createTable('incident_subjects')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subjects.id'))
    .addColumn('first_alert_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_subjects_pk', ['incident_id', 'subject_id'])
    .execute();
  await db.schema
    .createIndex('incident_subjects_subject')
    .on('incident_subjects')
    .columns(['workspace_id', 'subject_id', 'incident_id'])
    .execute();
  await sql`insert into incident_subjects (workspace_id, incident_id, subject_id, first_alert_at)
    select workspace_id, incident_id, subject_id, min(detected_at) from alerts
    where incident_id is not null and subject_id is not null
    group by workspace_id, incident_id, subject_id`.execute(db);

  await db.schema
    .createTable('entity_subjects')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subjects.id'))
    .addColumn('last_seen_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('entity_subjects_pk', ['workspace_id', 'key', 'subject_id'])
    .execute();
  await db.schema
    .createIndex('entity_subjects_seen')
    .on('entity_subjects')
    .columns(['workspace_id', 'key', 'last_seen_at'])
    .execute();
  // Not filled from the alerts stored before: a value's spread is learnt again from the next
  // alerts within the correlation window.
  await db.schema
    .alterTable('incidents')
    .addColumn('lead_rank', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('incidents')
    .addColumn('title_custom', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update incidents set lead_rank = coalesce((select max(a.severity_rank * 1000 + a.risk_score)
    from alerts a where a.incident_id = incidents.id), 0)`.execute(db);
  // An incident was titled after its first alert; one whose title differs was renamed.
  await sql`update incidents set title_custom = 1 where title <> coalesce((select a.title from alerts a
    where a.incident_id = incidents.id order by a.detected_at, a.id limit 1), title)`.execute(db);

  await db.schema
    .createTable('workspace_settings')
    .addColumn('workspace_id', 'integer', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('accounts.id'))
    .execute();
}

import { sql, type Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/** Subjects, alerts with their entities, incidents and their keys, case links, alert field mappings, the ingest role. */
export async function up(db: AnyDb): Promise<void> {
  const { pg, time, id, idCol } = columnTypes(db);

  await db.schema
    .createTable('subjects')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('manager', 'text')
    .addColumn('job_title', 'text')
    .addColumn('risk_score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('alert_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_alert_at', time)
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addUniqueConstraint('subjects_workspace_email', ['workspace_id', 'email'])
    .execute();
  await db.schema
    .createIndex('subjects_name')
    .on('subjects')
    .columns(['workspace_id', 'name', 'id'])
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_rank', 'integer', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.references('subjects.id'))
    .addColumn('assignee_id', 'integer', (c) => c.references('accounts.id'))
    .addColumn('alert_count', 'integer', (c) => c.notNull())
    .addColumn('first_alert_at', time, (c) => c.notNull())
    .addColumn('last_alert_at', time, (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('accounts.id'))
    .execute();
  const incidentIndexes: Array<[string, string[]]> = [
    ['incidents_last', ['workspace_id', 'last_alert_at', 'id']],
    ['incidents_status_last', ['workspace_id', 'status', 'last_alert_at', 'id']],
    ['incidents_subject', ['workspace_id', 'subject_id', 'status', 'last_alert_at']],
    ['incidents_assignee', ['workspace_id', 'assignee_id', 'last_alert_at', 'id']],
  ];
  for (const [name, columns] of incidentIndexes) {
    await db.schema.createIndex(name).on('incidents').columns(columns).execute();
  }

  await db.schema
    .createTable('alerts')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_rank', 'integer', (c) => c.notNull())
    .addColumn('risk_score', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detected_at', time, (c) => c.notNull())
    .addColumn('received_at', time, (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.references('subjects.id'))
    .addColumn('incident_id', 'integer', (c) => c.references('incidents.id'))
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('triaged_at', time)
    .addColumn('triaged_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('dismiss_reason', 'text')
    .addUniqueConstraint('alerts_workspace_source_external', [
      'workspace_id',
      'source',
      'external_id',
    ])
    .execute();
  // The queue's access paths: each sort key with its id tie-breaker, alone and by status.
  const alertIndexes: Array<[string, string[]]> = [
    ['alerts_detected', ['workspace_id', 'detected_at', 'id']],
    ['alerts_severity', ['workspace_id', 'severity_rank', 'id']],
    ['alerts_risk', ['workspace_id', 'risk_score', 'id']],
    ['alerts_status_detected', ['workspace_id', 'status', 'detected_at', 'id']],
    ['alerts_status_severity', ['workspace_id', 'status', 'severity_rank', 'id']],
    ['alerts_status_risk', ['workspace_id', 'status', 'risk_score', 'id']],
    ['alerts_subject', ['subject_id', 'detected_at', 'id']],
    ['alerts_incident', ['incident_id', 'detected_at', 'id']],
  ];
  for (const [name, columns] of alertIndexes) {
    await db.schema.createIndex(name).on('alerts').columns(columns).execute();
  }
  if (pg) {
    await sql`create index alerts_fts on alerts using gin (to_tsvector('simple', title || ' ' || description))`.execute(
      db,
    );
  } else {
    await sql`create virtual table alerts_fts using fts5(title, description, content='alerts', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    await sql`create trigger alerts_fts_ai after insert on alerts begin
      insert into alerts_fts(rowid, title, description) values (new.id, new.title, new.description); end`.execute(
      db,
    );
    await sql`create trigger alerts_fts_ad after delete on alerts begin
      insert into alerts_fts(alerts_fts, rowid, title, description) values ('delete', old.id, old.title, old.description); end`.execute(
      db,
    );
  }

  await db.schema
    .createTable('alert_entities')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id'))
    .addColumn('incident_id', 'integer', (c) => c.references('incidents.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alert_entities_alert')
    .on('alert_entities')
    .columns(['alert_id', 'id'])
    .execute();
  await db.schema
    .createIndex('alert_entities_value')
    .on('alert_entities')
    .columns(['workspace_id', 'value', 'type', 'incident_id'])
    .execute();

  // What correlation matches on, per incident: `s:<subject id>` and `e:<type>:<value>`. An
  // incident holds a bounded number of alerts, so looking these up stays cheap at any volume.
  await db.schema
    .createTable('incident_keys')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_keys_pk', ['incident_id', 'key'])
    .execute();
  await db.schema
    .createIndex('incident_keys_key')
    .on('incident_keys')
    .columns(['workspace_id', 'key', 'incident_id'])
    .execute();

  await db.schema
    .createTable('case_links')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addColumn('linked_at', time, (c) => c.notNull())
    .addColumn('linked_by', 'integer', (c) => c.references('accounts.id'))
    .addPrimaryKeyConstraint('case_links_pk', ['case_id', 'kind', 'ref_id'])
    .execute();
  await db.schema
    .createIndex('case_links_ref')
    .on('case_links')
    .columns(['workspace_id', 'kind', 'ref_id', 'case_id'])
    .execute();

  await db.schema
    .createTable('alert_mappings')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('accounts.id'))
    .addPrimaryKeyConstraint('alert_mappings_pk', ['workspace_id', 'source'])
    .execute();

  await db.schema
    .alterTable('cases')
    .addColumn('subject_id', 'integer', (c) => c.references('subjects.id'))
    .execute();
  await db.schema
    .createIndex('cases_subject')
    .on('cases')
    .columns(['workspace_id', 'subject_id'])
    .execute();

  await grantIngestion(db);
}

/**
 * Existing workspaces get the built-in "Ingestion service" role, and their built-in Admin role
 * the new alerts.ingest permission; new workspaces are seeded with both.
 */
async function grantIngestion(db: AnyDb): Promise<void> {
  const now = new Date().toISOString();
  const workspaces = (await db.selectFrom('workspaces').select('id').execute()) as Array<{
    id: number;
  }>;
  for (const ws of workspaces) {
    const existing = await db
      .selectFrom('roles')
      .select('id')
      .where('workspace_id', '=', ws.id)
      .where('key', '=', 'ingest')
      .executeTakeFirst();
    if (!existing) {
      await db
        .insertInto('roles')
        .values({
          workspace_id: ws.id,
          key: 'ingest',
          name: 'Ingestion service',
          permissions: JSON.stringify(['alerts.ingest']),
          builtin: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const admin: { id: number; permissions: string } | undefined = await db
      .selectFrom('roles')
      .select(['id', 'permissions'])
      .where('workspace_id', '=', ws.id)
      .where('key', '=', 'admin')
      .executeTakeFirst();
    if (admin) {
      const granted = JSON.parse(admin.permissions) as string[];
      if (!granted.includes('alerts.ingest')) {
        await db
          .updateTable('roles')
          .set({ permissions: JSON.stringify([...granted, 'alerts.ingest']), updated_at: now })
          .where('id', '=', admin.id)
          .execute();
      }
    }
  }
}

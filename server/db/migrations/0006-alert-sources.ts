import { sql, type Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * `alert_sources`: every source alerts of a workspace came from, kept up to date by ingestion,
 * so the queue can offer its sources without a scan of the alerts. Filled from the alerts
 * stored before.
 */
export async function up(db: AnyDb): Promise<void> {
  const { time } = columnTypes(db);
  await db.schema
    .createTable('alert_sources')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', time, (c) => c.notNull())
    .addColumn('last_seen_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_sources_pk', ['workspace_id', 'source'])
    .execute();
  await sql`insert into alert_sources (workspace_id, source, first_seen_at, last_seen_at)
    select workspace_id, source, min(received_at), max(received_at) from alerts
    group by workspace_id, source`.execute(db);
}

import type { Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * `jobs`: background work as rows (queued → running → done, or failed → queued again with
 * backoff, or dead), unique per (type, idempotency key) so a second enqueue of the same work
 * is a no-op. `workspace_id` is null for system duties (statistics, session sweep, audit
 * anchors), which belong to no workspace. `schedules`: the next slot of each recurring duty.
 */
export async function up(db: AnyDb): Promise<void> {
  const { time, id, idCol } = columnTypes(db);
  await db.schema
    .createTable('jobs')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.references('workspaces.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_at', time, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', time)
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('finished_at', time)
    .addUniqueConstraint('jobs_type_key_unique', ['type', 'idempotency_key'])
    .execute();
  // Claiming reads due queued jobs and expired running ones by (state, run_at).
  await db.schema.createIndex('jobs_claim_idx').on('jobs').columns(['state', 'run_at']).execute();
  // The admin list: newest first, by state.
  await db.schema.createIndex('jobs_list_idx').on('jobs').columns(['state', 'id']).execute();
  await db.schema
    .createTable('schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', time, (c) => c.notNull())
    .addColumn('last_run_at', time)
    .execute();
}

import type { Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/** Saved views of the cases dashboard: named filters, columns and sort, private or shared. */
export async function up(db: AnyDb): Promise<void> {
  const { time, id, idCol } = columnTypes(db);
  await db.schema
    .createTable('saved_views')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('sort', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('saved_views_workspace_owner')
    .on('saved_views')
    .columns(['workspace_id', 'owner_id'])
    .execute();
}

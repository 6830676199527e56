import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * Saved views of more than the cases dashboard: `kind` says which list a view belongs to
 * (`cases`, the dashboard, for every existing row; `activities`, the activity explorer). Views
 * are listed per kind, so the index leads with it after the workspace.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('saved_views')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('cases'))
    .execute();
  await db.schema
    .createIndex('saved_views_workspace_kind')
    .on('saved_views')
    .columns(['workspace_id', 'kind', 'name'])
    .execute();
}

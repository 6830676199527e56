import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * `jobs.rerun`: a running job was asked for again (`rearmJob`) after it started. When it
 * finishes it goes back to the queue instead of to `done`, so a request that arrived while
 * it ran is never lost, and a long-lived key (one pump per webhook subscription) is one row.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('jobs')
    .addColumn('rerun', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

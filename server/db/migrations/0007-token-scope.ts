import type { Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * API tokens get a scope (`full`: the account's role; `read`: its view permissions only;
 * `ingest`: alert ingestion only) and an optional expiry. Tokens made before keep `full` and
 * never expire, as they did.
 */
export async function up(db: AnyDb): Promise<void> {
  const { time } = columnTypes(db);
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('full'))
    .execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', time).execute();
}

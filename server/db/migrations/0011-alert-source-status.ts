import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * What the source itself said of an alert when it first delivered it: its own status or
 * classification (`source_status`: Graph `resolved`, OCSF `Success`, Elastic `open`), and its
 * own severity word when ours is only a reading of it (`source_severity`: OCSF `Critical`,
 * `Unknown`, `Other`). Null for alerts whose source said nothing, and for older alerts.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('source_status', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('source_severity', 'text').execute();
}

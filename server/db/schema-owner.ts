import { sql } from 'kysely';
import { openDatabase, type Database, type Db } from './connection.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * Gives the server's PostgreSQL role what it needs on a schema another role owns: reading and
 * writing the tables, but never changing or removing audit events (the audit trail is
 * append-only for the server) nor the migration bookkeeping.
 */
export async function grantServerRole(db: Db, role: string): Promise<void> {
  const r = sql.id(role);
  await sql`grant usage on schema public to ${r}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(
    db,
  );
  await sql`grant usage, select on all sequences in schema public to ${r}`.execute(db);
  await sql`revoke update, delete, truncate on audit_events from ${r}`.execute(db);
  await sql`revoke insert, update, delete, truncate on schema_migrations, schema_migrations_lock from ${r}`.execute(
    db,
  );
}

const roleOf = (url: string) => decodeURIComponent(new URL(url).username);

/**
 * Brings the schema up to date. With a migration URL (PostgreSQL), as that role, which owns
 * the schema, then grants the server's role (DATABASE_URL) its rights; else through the
 * server's own connection. Answers the migrations applied.
 */
export async function migrateDatabase(
  database: Database,
  urls: { databaseUrl: string | undefined; migrationDatabaseUrl: string | undefined },
): Promise<string[]> {
  const { databaseUrl, migrationDatabaseUrl } = urls;
  if (!databaseUrl || !migrationDatabaseUrl) return migrateToLatest(database.db);
  const owner = openDatabase({ databaseUrl: migrationDatabaseUrl, poolSize: 1 });
  try {
    const applied = await migrateToLatest(owner.db);
    if (roleOf(databaseUrl) !== roleOf(migrationDatabaseUrl))
      await grantServerRole(owner.db, roleOf(databaseUrl));
    return applied;
  } finally {
    await owner.close();
  }
}

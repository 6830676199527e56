import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { isPostgres } from '../db/dialect.ts';

/** SQLite's largest page count, which a database has unless told otherwise. */
const SQLITE_MAX_PAGES = 4294967294;

/**
 * Makes the database's disk full until the returned function runs. SQLite: the file may not
 * grow by another page (`max_page_count`), so the next write that needs space fails with
 * SQLITE_FULL, as on a full data folder. PostgreSQL: every write to the tables named fails
 * with SQLSTATE 53100 (disk_full), which the server raises when it cannot extend a file.
 */
export async function fillDisk(db: Db, pgTables: readonly string[]): Promise<() => Promise<void>> {
  if (isPostgres(db)) {
    await sql
      .raw(
        `create function full_disk() returns trigger language plpgsql as $$
          begin raise exception 'could not extend file: No space left on device'
            using errcode = 'disk_full'; end $$`,
      )
      .execute(db);
    for (const table of pgTables)
      await sql
        .raw(
          `create trigger full_disk before insert or update on ${table}
            for each row execute function full_disk()`,
        )
        .execute(db);
    return async () => {
      for (const table of pgTables) await sql.raw(`drop trigger full_disk on ${table}`).execute(db);
      await sql.raw('drop function full_disk()').execute(db);
    };
  }
  // Free pages inside the file would still take writes: give them back to the disk first.
  await sql.raw('vacuum').execute(db);
  // The query builder hands the column back in camel case.
  const { rows } = await sql<{ pageCount: number }>`pragma page_count`.execute(db);
  const pages = Number(rows[0]?.pageCount);
  if (!Number.isSafeInteger(pages) || pages < 1) throw new Error('no page count');
  await sql.raw(`pragma max_page_count = ${pages}`).execute(db);
  return async () => {
    await sql.raw(`pragma max_page_count = ${SQLITE_MAX_PAGES}`).execute(db);
  };
}

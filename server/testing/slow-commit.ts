import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

/**
 * PostgreSQL only: makes every transaction that writes a row of `table` matching `when` (SQL
 * over `new` and `old`, written by the test itself) spend `seconds` in its COMMIT, through a deferred
 * constraint trigger, until the returned function runs. The change stays invisible to other
 * connections all that time, as it would on a busy server, so a test can land requests
 * between a transaction's last statement and its commit.
 */
export async function slowCommit(
  db: Db,
  table: string,
  event: 'insert' | 'update' | 'delete',
  when: string,
  seconds: number,
): Promise<() => Promise<void>> {
  const name = `slow_commit_${table}_${event}`;
  await sql
    .raw(
      `create function ${name}() returns trigger language plpgsql as $$
        begin perform pg_sleep(${seconds}); return null; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create constraint trigger ${name} after ${event} on ${table}
        deferrable initially deferred for each row
        when (${when}) execute function ${name}()`,
    )
    .execute(db);
  return async () => {
    await sql.raw(`drop trigger ${name} on ${table}`).execute(db);
    await sql.raw(`drop function ${name}()`).execute(db);
  };
}

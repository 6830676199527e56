import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { isPostgres } from '../db/dialect.ts';

/**
 * Makes the database refuse the writes to `table` whose new row matches `when` (SQL over
 * `new`, written by the test itself), until the returned function runs: an unexpected failure
 * in the middle of a transaction, on either engine.
 */
export async function injectFailure(
  db: Db,
  table: string,
  event: 'insert' | 'update',
  when: string,
): Promise<() => Promise<void>> {
  const name = `fail_${table}_${event}`;
  if (isPostgres(db)) {
    await sql
      .raw(
        `create function ${name}() returns trigger language plpgsql as $$
          begin raise exception 'injected failure'; end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${name} before ${event} on ${table} for each row
          when (${when}) execute function ${name}()`,
      )
      .execute(db);
    return async () => {
      await sql.raw(`drop trigger ${name} on ${table}`).execute(db);
      await sql.raw(`drop function ${name}()`).execute(db);
    };
  }
  await sql
    .raw(
      `create trigger ${name} before ${event} on ${table} when ${when}
        begin select raise(abort, 'injected failure'); end`,
    )
    .execute(db);
  return async () => {
    await sql.raw(`drop trigger ${name}`).execute(db);
  };
}

import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

/**
 * A table the test handlers write one row to per run, with no unique constraint: a job run
 * twice shows as two rows of its key.
 */
export async function createEffectsTable(db: Db): Promise<void> {
  await sql`create table job_effects (job_key text not null, worker text not null)`.execute(db);
}

export async function recordEffect(db: Db, key: string, worker: string): Promise<void> {
  await sql`insert into job_effects (job_key, worker) values (${key}, ${worker})`.execute(db);
}

/** How many keys ran, and the keys that ran more than once. */
export async function countEffects(db: Db): Promise<{ keys: number; twice: string[] }> {
  const { rows } = await sql<{ k: string; n: number | string }>`
    select job_key as k, count(*) as n from job_effects group by job_key`.execute(db);
  return { keys: rows.length, twice: rows.filter((r) => Number(r.n) > 1).map((r) => r.k) };
}

import { sql } from 'kysely';
import { keysetPage, type Keyset, type KeyValue } from '../db/keyset.ts';
import type { Db } from '../db/connection.ts';
import { isPostgres, timeType } from '../db/dialect.ts';
import type { JobRow } from '../db/schema.ts';

export const jobStates = ['queued', 'running', 'done', 'failed', 'dead'] as const;
export type JobState = (typeof jobStates)[number];

/**
 * Claims up to `limit` due jobs of the given types for `worker`: queued ones, and failed ones
 * waiting for their retry, whose time has come, and running ones whose lock expired (their worker crashed or hung). One statement:
 * on PostgreSQL the candidates are locked `FOR UPDATE SKIP LOCKED`, so several processes
 * claim disjoint jobs; SQLite has one writer, so the statement is atomic across processes.
 */
export async function claimJobs(
  db: Db,
  opts: { worker: string; types: string[]; limit: number; now: Date; lockSeconds: number },
): Promise<JobRow[]> {
  if (opts.types.length === 0 || opts.limit <= 0) return [];
  const now = opts.now.toISOString();
  const until = new Date(opts.now.getTime() + opts.lockSeconds * 1000).toISOString();
  const due = db
    .selectFrom('jobs')
    .select('id')
    .where('type', 'in', opts.types)
    .where((eb) =>
      eb.or([
        eb.and([eb('state', 'in', ['queued', 'failed']), eb('runAt', '<=', now)]),
        eb.and([eb('state', '=', 'running'), eb('lockedUntil', '<', now)]),
      ]),
    )
    .orderBy('runAt')
    .limit(opts.limit)
    .$if(isPostgres(db), (qb) => qb.forUpdate().skipLocked());
  return db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      lockedBy: opts.worker,
      lockedUntil: until,
      attempts: eb('attempts', '+', 1),
      updatedAt: now,
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

/** Ends a run this worker still holds; answers false when the lock was lost meanwhile. */
export async function finishRun(
  db: Db,
  job: { id: number; worker: string },
  change: { state: JobState; at: string; runAt?: string; lastError?: string | null },
): Promise<boolean> {
  const done = change.state === 'done' || change.state === 'dead';
  // A job asked for again while it ran (`rearmJob`) is queued again, due now, rather than done.
  const rerun = change.state === 'done';
  const res = await db
    .updateTable('jobs')
    .set({
      state: change.state,
      updatedAt: change.at,
      lockedBy: null,
      lockedUntil: null,
      rerun: 0,
      ...(change.runAt ? { runAt: change.runAt } : {}),
      ...(change.lastError !== undefined ? { lastError: change.lastError } : {}),
      ...(done ? { finishedAt: change.at } : {}),
      ...(rerun
        ? {
            state: sql<string>`case when rerun = 1 then 'queued' else 'done' end`,
            attempts: sql<number>`case when rerun = 1 then 0 else attempts end`,
            finishedAt: sql<
              string | null
            >`case when rerun = 1 then null else cast(${change.at} as ${sql.raw(timeType(db))}) end`,
          }
        : {}),
    })
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('lockedBy', '=', job.worker)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface JobFilter {
  workspaceId: number;
  states?: readonly JobState[];
  type?: string;
  /** The key of the last job of the previous page. */
  after?: KeyValue[] | undefined;
  limit: number;
}

/** The job list's order: newest first. */
export const jobKeys: Keyset = { columns: ['id'], kinds: ['int'], order: 'desc' };

/** Jobs of a workspace and the system's, newest first. */
/** A page of the workspace's jobs and the system's (up to limit + 1 rows), newest first. */
export const listJobs = (db: Db, f: JobFilter) =>
  keysetPage(
    db
      .selectFrom('jobs')
      .selectAll()
      .where((eb) => eb.or([eb('workspaceId', '=', f.workspaceId), eb('workspaceId', 'is', null)]))
      .$if(f.states !== undefined && f.states.length > 0, (qb) =>
        qb.where('state', 'in', f.states!),
      )
      .$if(f.type !== undefined, (qb) => qb.where('type', '=', f.type!)),
    jobKeys,
    f.after,
    f.limit,
  ).execute();

export const findJob = (db: Db, id: number) =>
  db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Puts a failed or dead job back in the queue, due now, with its attempts reset. Answers the
 * row, or undefined when it is in another state (it may have been retried meanwhile).
 */
export const requeueJob = (db: Db, id: number, at: string) =>
  db
    .updateTable('jobs')
    .set({ state: 'queued', attempts: 0, runAt: at, updatedAt: at, finishedAt: null })
    .where('id', '=', id)
    .where('state', 'in', ['failed', 'dead'])
    .returningAll()
    .executeTakeFirst();

/**
 * Deletes up to `limit` jobs that finished (done) before `before`, oldest first; answers how
 * many. Dead and failed jobs stay for an administrator to see and retry.
 */
export async function pruneDoneJobs(db: Db, before: string, limit: number): Promise<number> {
  const ids = db
    .selectFrom('jobs')
    .select('id')
    .where('state', '=', 'done')
    .where('finishedAt', '<', before)
    .orderBy('id')
    .limit(limit);
  const result = await db.deleteFrom('jobs').where('id', 'in', ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}

import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { timeType } from '../db/dialect.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';

/**
 * Every job type and its payload. A module that defines a job adds its type here by
 * declaration merging, beside its `defineJob`:
 *
 *   declare module '../../jobs/registry.ts' {
 *     interface JobPayloads { 'webhooks.deliver': { deliveryId: number } }
 *   }
 *
 * so `enqueueJob` accepts only a defined type, with that type's payload.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface JobPayloads {}
export type JobType = keyof JobPayloads;

/** What a handler receives beside its payload. */
export interface JobCtx {
  /** The database; inside the completing transaction when the job is `transactional`. */
  readonly db: Db;
  readonly jobId: number;
  /** The contract of idempotency: the same key is the same work, however often it runs. */
  readonly idempotencyKey: string;
  readonly workspaceId: number | null;
  /** 1 on the first run. */
  readonly attempt: number;
  readonly clock: Clock;
  readonly log: Logger;
  /** Aborted when the job's time is up or the worker stops. */
  readonly signal: AbortSignal;
}

export interface JobDefinition<T extends JobType = JobType> {
  readonly type: T;
  readonly payload: z.ZodType<JobPayloads[T]>;
  /**
   * Does the work. Handlers must be idempotent: a job runs at least once, and again after a
   * crash or an expired lock, so the idempotency key is the contract; the same key must never
   * do its effect twice (key the effect by it, or make the job `transactional`).
   */
  readonly handle: (payload: JobPayloads[T], ctx: JobCtx) => Promise<void>;
  /** Runs before the job goes dead (default 8). */
  readonly maxAttempts: number;
  /** A job older than this goes dead instead of running again (default: a week). */
  readonly maxAgeMinutes: number;
  /** A run taking longer fails (default 60); the lock lasts this plus a grace period. */
  readonly timeoutSeconds: number;
  /**
   * Runs the handler inside the transaction that marks the job done, so its database effect
   * and the completion commit together or not at all: for short database-only work. A
   * handler that calls out (HTTP, files) must not hold a transaction and keys its effect.
   */
  readonly transactional: boolean;
}

const definitions = new Map<string, JobDefinition>();

/** Declares a job type; a type is defined once per process. */
export function defineJob<T extends JobType>(def: {
  type: T;
  payload: z.ZodType<JobPayloads[T]>;
  handle: (payload: JobPayloads[T], ctx: JobCtx) => Promise<void>;
  maxAttempts?: number;
  maxAgeMinutes?: number;
  timeoutSeconds?: number;
  transactional?: boolean;
}): JobDefinition<T> {
  if (definitions.has(def.type)) throw new Error(`job type ${def.type} is defined twice`);
  const full: JobDefinition<T> = Object.freeze({
    maxAttempts: 8,
    maxAgeMinutes: 7 * 24 * 60,
    timeoutSeconds: 60,
    transactional: false,
    ...def,
  });
  definitions.set(def.type, full as unknown as JobDefinition);
  return full;
}

/** The definition of a type, or undefined when this process does not know it. */
export const findJobDefinition = (type: string): JobDefinition | undefined => definitions.get(type);

/** Every type this process can run. */
export const definedJobTypes = (): string[] => [...definitions.keys()];

export interface EnqueueJob<T extends JobType> {
  type: T;
  payload: JobPayloads[T];
  /** The same (type, key) twice is one job: the second enqueue does nothing. */
  idempotencyKey: string;
  runAt?: Date;
  /** Null or absent for a system duty. */
  workspaceId?: number | null;
  now?: Date;
}

/**
 * Writes a job row with `db`, which is the caller's transaction: a change that rolls back
 * never leaves its job. Answers whether a row was inserted (false: that key already exists).
 * Throws when the type is not defined or the payload does not parse with its schema.
 */
export async function enqueueJob<T extends JobType>(db: Db, job: EnqueueJob<T>): Promise<boolean> {
  const def = definitions.get(job.type);
  if (!def) throw new Error(`job type ${job.type} is not defined`);
  const parsed = def.payload.safeParse(job.payload);
  if (!parsed.success) throw new Error(`job ${job.type}: invalid payload: ${parsed.error.message}`);
  const now = (job.now ?? new Date()).toISOString();
  const rows = await db
    .insertInto('jobs')
    .values({
      workspaceId: job.workspaceId ?? null,
      type: job.type,
      payload: JSON.stringify(parsed.data),
      runAt: (job.runAt ?? job.now ?? new Date()).toISOString(),
      maxAttempts: def.maxAttempts,
      idempotencyKey: job.idempotencyKey,
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((oc) => oc.columns(['type', 'idempotencyKey']).doNothing())
    .returning('id')
    .execute();
  return rows.length > 0;
}

/**
 * Asks for the job of (type, key) to run (again): a new row when there is none; a finished
 * (`done` or `dead`) one is queued again, due now, with its attempts reset; a running one is
 * marked to run once more when it finishes; a queued one, or a failed one waiting for its
 * retry, is left as it is. So one key is at most one job queued or running at a time, and a
 * request that arrives while it runs is never lost: for a consumer that drains a log (one
 * pump per webhook subscription). Use it with `db` the caller's transaction or the database.
 */
export async function rearmJob<T extends JobType>(db: Db, job: EnqueueJob<T>): Promise<void> {
  const def = definitions.get(job.type);
  if (!def) throw new Error(`job type ${job.type} is not defined`);
  const parsed = def.payload.safeParse(job.payload);
  if (!parsed.success) throw new Error(`job ${job.type}: invalid payload: ${parsed.error.message}`);
  const now = (job.now ?? new Date()).toISOString();
  const runAt = (job.runAt ?? job.now ?? new Date()).toISOString();
  const finished = sql<boolean>`jobs.state in ('done', 'dead')`;
  await db
    .insertInto('jobs')
    .values({
      workspaceId: job.workspaceId ?? null,
      type: job.type,
      payload: JSON.stringify(parsed.data),
      runAt,
      maxAttempts: def.maxAttempts,
      idempotencyKey: job.idempotencyKey,
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['type', 'idempotencyKey'])
        .doUpdateSet({
          state: sql<string>`case when ${finished} then 'queued' else jobs.state end`,
          runAt: sql<string>`case when ${finished} then cast(${runAt} as ${sql.raw(timeType(db))}) else jobs.run_at end`,
          attempts: sql<number>`case when ${finished} then 0 else jobs.attempts end`,
          finishedAt: sql<string | null>`case when ${finished} then null else jobs.finished_at end`,
          lastError: sql<string | null>`case when ${finished} then null else jobs.last_error end`,
          rerun: sql<number>`case when jobs.state = 'running' then 1 else 0 end`,
          updatedAt: now,
        })
        // A queued job, or a running one already marked, needs nothing: no write at all.
        .where(
          sql<boolean>`jobs.state in ('done', 'dead') or (jobs.state = 'running' and jobs.rerun = 0)`,
        ),
    )
    .execute();
}

import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { isPostgres } from '../db/dialect.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { enqueueJob, type JobPayloads, type JobType } from './registry.ts';

/** A recurring duty: every `everySeconds`, one job of `type`. */
export interface Schedule<T extends JobType = JobType> {
  name: string;
  everySeconds: number;
  type: T;
  payload: JobPayloads[T];
}

/** Builds a schedule with the payload type of its job type. */
export const defineSchedule = <T extends JobType>(s: Schedule<T>): Schedule => s;

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  schedules: readonly Schedule[];
  /** How often the schedules are looked at, in seconds. */
  tickSeconds: number;
  /** Called after a slot's job was enqueued (the worker's `wake`). */
  onEnqueued?: () => void;
}

// Any constant: one number names the scheduler's advisory lock on PostgreSQL.
const SCHEDULER_LOCK = 0x63617365;

/** The slot a moment falls in: slots are aligned to the epoch, so every process agrees. */
export const slotOf = (now: Date, everySeconds: number): Date =>
  new Date(Math.floor(now.getTime() / (everySeconds * 1000)) * everySeconds * 1000);

/**
 * Looks at every schedule once and enqueues the jobs of slots that came due. One process at a
 * time does so (a transaction-scoped advisory lock on PostgreSQL; SQLite's single writer),
 * and each job's idempotency key is `<name>:<slot time>`, so even two schedulers that both got
 * past the lock would enqueue a slot once. Answers how many jobs it enqueued.
 */
export async function runSchedules(
  db: Db,
  clock: Clock,
  schedules: readonly Schedule[],
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    if (isPostgres(db)) {
      const { rows } = await sql<{
        ok: boolean;
      }>`select pg_try_advisory_xact_lock(${SCHEDULER_LOCK}) as ok`.execute(tx);
      if (rows[0]?.ok !== true) return 0;
    } else {
      // A write first takes SQLite's write lock at once (waiting for it as long as the busy
      // timeout allows); reading first and writing later fails when another connection wrote
      // in between.
      await sql`update schedules set name = name where 1 = 0`.execute(tx);
    }
    const now = clock.now();
    let enqueued = 0;
    for (const s of schedules) {
      const row = await tx
        .selectFrom('schedules')
        .selectAll()
        .where('name', '=', s.name)
        .executeTakeFirst();
      if (row && Date.parse(row.nextRunAt) > now.getTime()) continue;
      const slot = slotOf(now, s.everySeconds);
      const next = new Date(slot.getTime() + s.everySeconds * 1000).toISOString();
      const inserted = await enqueueJob(tx, {
        type: s.type,
        payload: s.payload,
        idempotencyKey: `${s.name}:${slot.toISOString()}`,
        now,
      });
      if (inserted) enqueued += 1;
      await tx
        .insertInto('schedules')
        .values({ name: s.name, nextRunAt: next, lastRunAt: now.toISOString() })
        .onConflict((oc) =>
          oc.column('name').doUpdateSet({ nextRunAt: next, lastRunAt: now.toISOString() }),
        )
        .execute();
    }
    return enqueued;
  });
}

export interface Scheduler {
  stop(): void;
}

/** Runs `runSchedules` now and then every `tickSeconds`, on a chained unref'd timer. */
export function startScheduler(opts: SchedulerOptions): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const n = await runSchedules(opts.db, opts.clock, opts.schedules);
      if (n > 0) opts.onEnqueued?.();
    } catch (error) {
      opts.log.warn({ err: error }, 'running the schedules failed');
    }
    if (stopped) return;
    timer = setTimeout(() => void tick(), opts.tickSeconds * 1000);
    timer.unref();
  };
  void tick();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

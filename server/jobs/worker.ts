import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/connection.ts';
import type { JobRow } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { retryDelayMs } from './backoff.ts';
import { claimJobs, finishRun } from './jobs.repo.ts';
import { definedJobTypes, findJobDefinition, type JobDefinition } from './registry.ts';

export interface WorkerOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  /** Jobs run at once by this worker (`CASEFILE_JOB_CONCURRENCY`). */
  concurrency: number;
  /** Seconds between polls when nothing wakes the worker (`CASEFILE_JOB_POLL_SECONDS`). */
  pollSeconds: number;
  /** First retry delay; each further one doubles, up to `retryCapSeconds`. */
  retryBaseSeconds: number;
  retryCapSeconds: number;
  /** Seconds a lock outlives a job's timeout before another worker may take the job. */
  lockGraceSeconds?: number;
  /** Longest wait for running handlers on stop (`CASEFILE_JOB_STOP_SECONDS`). */
  stopSeconds: number;
  /** In [0, 1): the jitter of retry delays; tests pass a fixed one. */
  random?: () => number;
  /** Names this worker in `locked_by`; unique per process by default. */
  name?: string;
}

export interface Worker {
  readonly name: string;
  /** Claims at once rather than at the next poll: an after-commit hook calls it. */
  wake(): void;
  /** Stops claiming and waits for running handlers, at most `stopSeconds`. */
  stop(): Promise<void>;
  /** Resolves once nothing is due and nothing runs (tests). */
  idle(): Promise<void>;
}

/** The workers running in this process, for `wakeLocalWorkers`. */
const localWorkers = new Set<Worker>();

/**
 * Wakes every worker of this process: for an after-commit hook of a change that enqueued a
 * job, so it starts at once rather than at the next poll. Before the commit the job is not
 * visible yet, so call it only once the transaction committed.
 */
export function wakeLocalWorkers(): void {
  for (const w of localWorkers) w.wake();
}

const errorText = (e: unknown) =>
  (e instanceof Error ? e.message || e.name : String(e)).slice(0, 2000);

/**
 * The worker loop: claims due jobs up to its concurrency, runs their handlers, marks them
 * done, failed (queued again after a backoff) or dead (out of attempts, too old, or a payload
 * that no longer parses), with the error in `last_error`. Polls with a chained, unref'd timer.
 */
export function startWorker(opts: WorkerOptions): Worker {
  const name = opts.name ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const random = opts.random ?? Math.random;
  const grace = opts.lockGraceSeconds ?? 30;
  const running = new Set<Promise<void>>();
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let claiming = false;
  let again = false;
  let stopped = false;
  let idleWaiters: Array<() => void> = [];
  let lastClaimEmpty = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  };

  const checkIdle = () => {
    if (running.size === 0 && lastClaimEmpty && !claiming) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  async function tick(): Promise<void> {
    if (stopped) return;
    if (claiming) {
      again = true;
      return;
    }
    claiming = true;
    try {
      do {
        again = false;
        const free = opts.concurrency - running.size;
        if (free <= 0) break;
        // The longest timeout of the claimable types bounds every lock taken here.
        const types = definedJobTypes();
        const lockSeconds =
          Math.max(...types.map((t) => findJobDefinition(t)!.timeoutSeconds), 1) + grace;
        const jobs = await claimJobs(opts.db, {
          worker: name,
          types,
          limit: free,
          now: opts.clock.now(),
          lockSeconds,
        });
        lastClaimEmpty = jobs.length === 0;
        for (const job of jobs) {
          const run = runJob(job).finally(() => {
            running.delete(run);
            // A finished slot may take the next due job at once.
            if (!stopped) schedule(0);
            checkIdle();
          });
          running.add(run);
        }
        if (jobs.length === free) again = true;
      } while (again && !stopped);
    } catch (error) {
      opts.log.warn({ err: error }, 'claiming jobs failed');
      lastClaimEmpty = false;
    } finally {
      claiming = false;
      checkIdle();
      schedule(opts.pollSeconds * 1000);
    }
  }

  async function settle(job: JobRow, def: JobDefinition | undefined, error: unknown) {
    const now = opts.clock.now();
    const at = now.toISOString();
    const message = errorText(error);
    const age = now.getTime() - Date.parse(job.createdAt);
    const tooOld = def !== undefined && age > def.maxAgeMinutes * 60_000;
    if (def === undefined || job.attempts >= job.maxAttempts || tooOld) {
      const why = tooOld && job.attempts < job.maxAttempts ? ' (older than its maximum age)' : '';
      await finishRun(
        opts.db,
        { id: job.id, worker: name },
        {
          state: 'dead',
          at,
          lastError: `${message}${why}`,
        },
      );
      opts.log.warn({ jobId: job.id, type: job.type, err: error }, 'job is dead');
      return;
    }
    const delay = retryDelayMs(job.attempts, {
      baseMs: opts.retryBaseSeconds * 1000,
      capMs: opts.retryCapSeconds * 1000,
      random,
    });
    await finishRun(
      opts.db,
      { id: job.id, worker: name },
      {
        state: 'failed',
        at,
        runAt: new Date(now.getTime() + delay).toISOString(),
        lastError: message,
      },
    );
  }

  async function runJob(job: JobRow): Promise<void> {
    const def = findJobDefinition(job.type);
    try {
      if (!def) throw new Error(`job type ${job.type} is not defined`);
      if (job.attempts > job.maxAttempts)
        throw new Error(`gave up after ${job.maxAttempts} attempts: its last run never finished`);
      let raw: unknown;
      try {
        raw = JSON.parse(job.payload);
      } catch {
        raw = undefined;
      }
      const parsed = def.payload.safeParse(raw);
      if (!parsed.success) {
        // A payload that no longer parses never will: no retry.
        await finishRun(
          opts.db,
          { id: job.id, worker: name },
          {
            state: 'dead',
            at: opts.clock.now().toISOString(),
            lastError: `payload no longer matches the ${job.type} schema: ${parsed.error.message}`,
          },
        );
        return;
      }
      await runHandler(job, def, parsed.data);
    } catch (error) {
      if (error instanceof Interrupted) {
        // Cut short by stop(): back in the queue for another worker, at once.
        await finishRun(
          opts.db,
          { id: job.id, worker: name },
          {
            state: 'queued',
            at: opts.clock.now().toISOString(),
            runAt: opts.clock.now().toISOString(),
            lastError: error.message,
          },
        ).catch((e: unknown) =>
          opts.log.warn({ err: e, jobId: job.id }, 'releasing an interrupted job failed'),
        );
        return;
      }
      await settle(job, def, error).catch((e: unknown) =>
        opts.log.warn({ err: e, jobId: job.id }, 'recording a job failure failed'),
      );
    }
  }

  async function runHandler(job: JobRow, def: JobDefinition, payload: unknown) {
    const timeout = AbortSignal.timeout(def.timeoutSeconds * 1000);
    const signal = AbortSignal.any([timeout, stopping.signal]);
    const timedOut = new Promise<never>((_, reject) => {
      timeout.addEventListener('abort', () =>
        reject(new Error(`timed out after ${def.timeoutSeconds} s`)),
      );
    });
    timedOut.catch(() => undefined);
    const ctx = (db: Db) => ({
      db,
      jobId: job.id,
      idempotencyKey: job.idempotencyKey,
      workspaceId: job.workspaceId,
      attempt: job.attempts,
      clock: opts.clock,
      log: opts.log,
      signal,
    });
    const handle = def.handle as (p: unknown, c: ReturnType<typeof ctx>) => Promise<void>;
    if (def.transactional) {
      await Promise.race([
        opts.db.transaction().execute(async (tx) => {
          await handle(payload, ctx(tx));
          if (stopping.signal.aborted) throw new Interrupted();
          const held = await finishRun(
            tx,
            { id: job.id, worker: name },
            {
              state: 'done',
              at: opts.clock.now().toISOString(),
              lastError: null,
            },
          );
          // Another worker took the job after our lock expired: undo this run's effect.
          if (!held) throw new LostLock();
        }),
        timedOut,
      ]).catch((error: unknown) => {
        if (!(error instanceof LostLock)) throw error;
      });
      return;
    }
    await Promise.race([handle(payload, ctx(opts.db)), timedOut]);
    // A handler told to stop may have returned early: its work is not known to be done.
    if (stopping.signal.aborted) throw new Interrupted();
    await finishRun(
      opts.db,
      { id: job.id, worker: name },
      {
        state: 'done',
        at: opts.clock.now().toISOString(),
        lastError: null,
      },
    );
  }

  schedule(0);
  const worker: Worker = {
    name,
    wake: () => {
      if (!stopped) schedule(0);
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        schedule(0);
      }),
    stop: async () => {
      stopped = true;
      localWorkers.delete(worker);
      clearTimeout(timer);
      let bound: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        bound = setTimeout(resolve, opts.stopSeconds * 1000);
        bound.unref();
      });
      await Promise.race([Promise.allSettled([...running]), waited]);
      clearTimeout(bound);
      if (running.size === 0) return;
      // Handlers still running after the bound are told to stop: those that heed the signal
      // put their job back in the queue; the locks of the others expire.
      stopping.abort();
      const heed = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
      await Promise.race([Promise.allSettled([...running]), heed]);
    },
  };
  localWorkers.add(worker);
  return worker;
}

class Interrupted extends Error {
  constructor() {
    super('interrupted: its worker stopped before the job finished');
  }
}

class LostLock extends Error {
  constructor() {
    super('the job was taken by another worker');
  }
}

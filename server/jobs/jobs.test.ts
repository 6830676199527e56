import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { countEffects, createEffectsTable, recordEffect } from '../testing/job-effects.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { findJob, requeueJob } from './jobs.repo.ts';
import { defineJob, enqueueJob } from './registry.ts';
import { startWorker, wakeLocalWorkers, type Worker, type WorkerOptions } from './worker.ts';

declare module './registry.ts' {
  interface JobPayloads {
    'test.effect': { n: number };
    'test.flaky': { label: string };
    'test.slow': { ms: number };
    'test.hang': Record<string, never>;
  }
}

let database: TestDatabase;
const clock = fixedClock('2026-03-02T09:00:00.000Z');
/** Failures the flaky job still has to give, per label. */
const failuresLeft = new Map<string, number>();

defineJob({
  type: 'test.effect',
  payload: z.strictObject({ n: z.number().int() }),
  transactional: true,
  handle: (_p, ctx) => recordEffect(ctx.db, ctx.idempotencyKey, 'w'),
});
defineJob({
  type: 'test.flaky',
  payload: z.strictObject({ label: z.string() }),
  maxAttempts: 3,
  handle: async (p) => {
    const left = failuresLeft.get(p.label) ?? 0;
    if (left > 0) {
      failuresLeft.set(p.label, left - 1);
      throw new Error(`mail server refused: ${p.label}`);
    }
  },
});

defineJob({
  type: 'test.slow',
  payload: z.strictObject({ ms: z.number().int() }),
  handle: (p, ctx) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, p.ms);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      });
    }),
});

defineJob({
  type: 'test.hang',
  payload: z.strictObject({}),
  timeoutSeconds: 1,
  maxAttempts: 1,
  // Never finishes by itself; its signal tells it when its time is up.
  handle: (_p, ctx) =>
    new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve())),
});

const workers: Worker[] = [];
const worker = (over: Partial<WorkerOptions> = {}) => {
  const w = startWorker({
    db: database.db,
    clock,
    log: silentLogger,
    concurrency: 4,
    pollSeconds: 60,
    retryBaseSeconds: 10,
    retryCapSeconds: 3600,
    stopSeconds: 5,
    random: () => 0.5,
    ...over,
  });
  workers.push(w);
  return w;
};

beforeAll(async () => {
  database = await createTestDatabase();
  await createEffectsTable(database.db);
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});
afterAll(() => database.close());

const jobOf = (type: string, key: string) =>
  database.db
    .selectFrom('jobs')
    .selectAll()
    .where('type', '=', type)
    .where('idempotencyKey', '=', key)
    .executeTakeFirst();

describe('enqueueJob', () => {
  it('leaves no job behind when the transaction that enqueued it rolls back', async () => {
    await expect(
      database.db.transaction().execute(async (tx) => {
        expect(
          await enqueueJob(tx, { type: 'test.effect', payload: { n: 1 }, idempotencyKey: 'rb' }),
        ).toBe(true);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await jobOf('test.effect', 'rb')).toBeUndefined();
  });

  it('makes one job of two enqueues with the same idempotency key', async () => {
    const first = await enqueueJob(database.db, {
      type: 'test.effect',
      payload: { n: 1 },
      idempotencyKey: 'once',
      runAt: new Date('2030-01-01T00:00:00Z'),
    });
    const second = await enqueueJob(database.db, {
      type: 'test.effect',
      payload: { n: 2 },
      idempotencyKey: 'once',
    });
    expect([first, second]).toEqual([true, false]);
    const rows = await database.db
      .selectFrom('jobs')
      .select('payload')
      .where('idempotencyKey', '=', 'once')
      .execute();
    expect(rows).toEqual([{ payload: '{"n":1}' }]);
  });

  it('refuses a payload that does not match its type', async () => {
    await expect(
      enqueueJob(database.db, {
        type: 'test.effect',
        payload: { n: 'one' } as unknown as { n: number },
        idempotencyKey: 'bad',
      }),
    ).rejects.toThrow(/invalid payload/);
    expect(await jobOf('test.effect', 'bad')).toBeUndefined();
  });
});

describe('the worker', () => {
  it('retries a failing job with backoff, then marks it dead with its error; retry revives it', async () => {
    failuresLeft.set('digest', 5);
    await enqueueJob(database.db, {
      type: 'test.flaky',
      payload: { label: 'digest' },
      idempotencyKey: 'digest',
      now: clock.now(),
    });
    const w = worker();
    await w.idle();
    let job = (await jobOf('test.flaky', 'digest'))!;
    // Full jitter with random() = 0.5: half of 10 s, then half of 20 s.
    expect(job).toMatchObject({ state: 'failed', attempts: 1 });
    expect(job.lastError).toBe('mail server refused: digest');
    expect(Date.parse(job.runAt) - clock.now().getTime()).toBe(5_000);
    clock.advance(4_000);
    await w.idle();
    expect((await jobOf('test.flaky', 'digest'))!.attempts).toBe(1);
    clock.advance(1_000);
    await w.idle();
    job = (await jobOf('test.flaky', 'digest'))!;
    expect(job).toMatchObject({ state: 'failed', attempts: 2 });
    expect(Date.parse(job.runAt) - clock.now().getTime()).toBe(10_000);
    clock.advance(10_000);
    await w.idle();
    job = (await jobOf('test.flaky', 'digest'))!;
    expect(job).toMatchObject({ state: 'dead', attempts: 3 });
    expect(job.lastError).toBe('mail server refused: digest');
    expect(job.finishedAt).not.toBeNull();

    failuresLeft.set('digest', 0);
    expect(await requeueJob(database.db, job.id, clock.now().toISOString())).toMatchObject({
      state: 'queued',
      attempts: 0,
    });
    await w.idle();
    expect(await findJob(database.db, job.id)).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('takes over a running job whose lock expired, and leaves a held one alone', async () => {
    const at = clock.now();
    const past = new Date(at.getTime() - 1000).toISOString();
    const future = new Date(at.getTime() + 60_000).toISOString();
    for (const [key, until] of [
      ['crashed', past],
      ['held', future],
    ] as const) {
      await enqueueJob(database.db, {
        type: 'test.effect',
        payload: { n: 1 },
        idempotencyKey: key,
        now: at,
      });
      await database.db
        .updateTable('jobs')
        .set({ state: 'running', lockedBy: 'gone-worker', lockedUntil: until, attempts: 1 })
        .where('idempotencyKey', '=', key)
        .execute();
    }
    await worker().idle();
    expect(await jobOf('test.effect', 'crashed')).toMatchObject({
      state: 'done',
      attempts: 2,
      lockedBy: null,
    });
    expect(await jobOf('test.effect', 'held')).toMatchObject({
      state: 'running',
      lockedBy: 'gone-worker',
    });
    const effects = await countEffects(database.db);
    expect(effects.twice).toEqual([]);
  });

  it('gives up on a job whose every attempt died with its worker', async () => {
    const at = clock.now();
    await enqueueJob(database.db, {
      type: 'test.flaky',
      payload: { label: 'crashing' },
      idempotencyKey: 'crashing',
      now: at,
    });
    await database.db
      .updateTable('jobs')
      .set({
        state: 'running',
        lockedBy: 'gone-worker',
        lockedUntil: new Date(at.getTime() - 1000).toISOString(),
        attempts: 3,
      })
      .where('idempotencyKey', '=', 'crashing')
      .execute();
    await worker().idle();
    expect(await jobOf('test.flaky', 'crashing')).toMatchObject({
      state: 'dead',
      lastError: 'gave up after 3 attempts: its last run never finished',
    });
  });

  it('marks a job dead whose payload no longer parses, saying so', async () => {
    const at = clock.now().toISOString();
    const { id } = await database.db
      .insertInto('jobs')
      .values({
        type: 'test.effect',
        payload: '{"n":"seven"}',
        runAt: at,
        maxAttempts: 8,
        idempotencyKey: 'old-shape',
        createdAt: at,
        updatedAt: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await worker().idle();
    const job = await findJob(database.db, id);
    expect(job?.state).toBe('dead');
    expect(job?.attempts).toBe(1);
    expect(job?.lastError).toMatch(/^payload no longer matches the test.effect schema/);
  });

  it('marks a job dead once it is older than its maximum age', async () => {
    failuresLeft.set('stale', 1);
    const created = new Date(clock.now().getTime() - 8 * 24 * 3_600_000);
    await enqueueJob(database.db, {
      type: 'test.flaky',
      payload: { label: 'stale' },
      idempotencyKey: 'stale',
      now: created,
      runAt: clock.now(),
    });
    await worker().idle();
    const job = await jobOf('test.flaky', 'stale');
    expect(job).toMatchObject({ state: 'dead', attempts: 1 });
    expect(job?.lastError).toBe('mail server refused: stale (older than its maximum age)');
  });

  it('claims at once when woken after a commit, without waiting for its next poll', async () => {
    const w = worker({ pollSeconds: 3600 });
    await w.idle();
    await enqueueJob(database.db, {
      type: 'test.effect',
      payload: { n: 3 },
      idempotencyKey: 'woken',
      now: clock.now(),
    });
    // The poll is an hour away: only the wake-up can run it.
    const done = new Promise<void>((resolve) => {
      const check = async () => {
        if ((await jobOf('test.effect', 'woken'))?.state === 'done') resolve();
        else setTimeout(() => void check(), 10);
      };
      void check();
    });
    wakeLocalWorkers();
    await done;
    expect((await jobOf('test.effect', 'woken'))?.state).toBe('done');
  });

  it('waits for running jobs on stop, up to its bound, and puts back those it interrupts', async () => {
    for (const [key, ms] of [
      ['short', 50],
      ['endless', 600_000],
    ] as const)
      await enqueueJob(database.db, {
        type: 'test.slow',
        payload: { ms },
        idempotencyKey: key,
        now: clock.now(),
      });
    const w = worker({ stopSeconds: 0.3 });
    while ((await jobOf('test.slow', 'endless'))?.state !== 'running')
      await new Promise((r) => setTimeout(r, 10));
    await w.stop();
    expect((await jobOf('test.slow', 'short'))?.state).toBe('done');
    // Told to stop once the bound passed, it heeded the signal: back in the queue, not done.
    expect(await jobOf('test.slow', 'endless')).toMatchObject({
      state: 'queued',
      lockedBy: null,
      lastError: 'interrupted: its worker stopped before the job finished',
    });
  });

  it('fails a run that outlasts its timeout, with the timeout as its error', async () => {
    await enqueueJob(database.db, {
      type: 'test.hang',
      payload: {},
      idempotencyKey: 'hang',
      now: clock.now(),
    });
    // The interrupted job of the test before is queued again and runs beside it: stop at once.
    const w = worker({ stopSeconds: 0 });
    while ((await jobOf('test.hang', 'hang'))?.state !== 'dead')
      await new Promise((r) => setTimeout(r, 50));
    expect(await jobOf('test.hang', 'hang')).toMatchObject({
      attempts: 1,
      lastError: 'timed out after 1 s',
    });
    await w.stop();
  });
});

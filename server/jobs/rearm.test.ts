import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { defineJob, rearmJob } from './registry.ts';
import { startWorker } from './worker.ts';

declare module './registry.ts' {
  interface JobPayloads {
    'test.drain': { name: string };
  }
}

let database: TestDatabase;
/** Runs of the drain job, and the gate the current run waits on. */
let runs = 0;
let gate: Promise<void> = Promise.resolve();
let started: () => void = () => undefined;

defineJob({
  type: 'test.drain',
  payload: z.strictObject({ name: z.string() }),
  handle: async () => {
    runs += 1;
    started();
    await gate;
  },
});

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const row = (key: string) =>
  database.db
    .selectFrom('jobs')
    .selectAll()
    .where('type', '=', 'test.drain')
    .where('idempotencyKey', '=', key)
    .executeTakeFirstOrThrow();

const rearm = (key: string) =>
  rearmJob(database.db, { type: 'test.drain', payload: { name: key }, idempotencyKey: key });

describe('rearmJob', () => {
  it('queues a finished job again under the same key, and reruns a running one once', async () => {
    await rearm('one');
    await rearm('one');
    expect((await row('one')).state).toBe('queued');

    const worker = startWorker({
      db: database.db,
      clock: systemClock,
      log: silentLogger,
      concurrency: 2,
      pollSeconds: 60,
      retryBaseSeconds: 1,
      retryCapSeconds: 1,
      stopSeconds: 5,
    });
    try {
      await worker.idle();
      expect(runs).toBe(1);
      const done = await row('one');
      expect(done).toMatchObject({ state: 'done', rerun: 0 });

      // Finished: asked again, it is the same row, queued with its attempts reset.
      let release: () => void = () => undefined;
      gate = new Promise((r) => (release = r));
      const running = new Promise<void>((r) => (started = r));
      await rearm('one');
      expect(await row('one')).toMatchObject({ id: done.id, state: 'queued', attempts: 0 });
      worker.wake();
      await running;
      expect((await row('one')).state).toBe('running');

      // Asked twice while it runs: one more run after this one, not two, and no second row.
      await rearm('one');
      await rearm('one');
      expect(await row('one')).toMatchObject({ state: 'running', rerun: 1 });
      gate = Promise.resolve();
      release();
      await worker.idle();
      expect(runs).toBe(3);
      expect(await row('one')).toMatchObject({ id: done.id, state: 'done', rerun: 0 });
      const count = await database.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('type', '=', 'test.drain')
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    } finally {
      await worker.stop();
    }
  });
});

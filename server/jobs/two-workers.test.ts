import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../db/connection.ts';
import { systemClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { countEffects, createEffectsTable, recordEffect } from '../testing/job-effects.ts';
import { openSecondConnection } from '../testing/second-connection.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { defineJob, enqueueJob } from './registry.ts';
import { startWorker } from './worker.ts';

declare module './registry.ts' {
  interface JobPayloads {
    'test.count': { n: number };
  }
}

// Not transactional, and the effect is not keyed: a job that two workers both claimed would
// show as two rows of its key. Only the claim keeps them apart.
defineJob({
  type: 'test.count',
  payload: z.strictObject({ n: z.number().int() }),
  handle: async (_p, ctx) => {
    await recordEffect(ctx.db, ctx.idempotencyKey, ctx.log === silentLogger ? 'x' : 'y');
    // Yields, so the two workers' claims interleave.
    await new Promise((r) => setTimeout(r, 1));
  },
});

let database: TestDatabase;
let second: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  second = openSecondConnection(database);
  await createEffectsTable(database.db);
});
afterAll(async () => {
  await second.close();
  await database.close();
});

describe('two workers on one database, each with its own connections', () => {
  it('run every job once and never the same job twice', async () => {
    const total = 400;
    await database.db.transaction().execute(async (tx) => {
      for (let n = 0; n < total; n += 1)
        await enqueueJob(tx, { type: 'test.count', payload: { n }, idempotencyKey: `k${n}` });
    });
    const options = {
      clock: systemClock,
      log: silentLogger,
      concurrency: 8,
      pollSeconds: 0.05,
      retryBaseSeconds: 0,
      retryCapSeconds: 0,
      stopSeconds: 5,
    };
    const a = startWorker({ ...options, db: database.db, name: 'a' });
    const b = startWorker({ ...options, db: second.db, name: 'b' });
    await Promise.all([a.idle(), b.idle()]);
    await Promise.all([a.stop(), b.stop()]);
    const effects = await countEffects(database.db);
    expect(effects.twice).toEqual([]);
    expect(effects.keys).toBe(total);
    const states = await database.db
      .selectFrom('jobs')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    expect(states.map((s) => [s.state, Number(s.n)])).toEqual([['done', total]]);
  });
});

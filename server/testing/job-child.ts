// A worker process for the crash test: the real worker loop over the database named by
// DATABASE_URL or CASEFILE_DATA_DIR, running one test job type. Run with `node --import tsx`.
import { z } from 'zod';
import { openDatabase } from '../db/connection.ts';
import { defineJob } from '../jobs/registry.ts';
import { startWorker } from '../jobs/worker.ts';
import { systemClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { recordEffect } from './job-effects.ts';

declare module '../jobs/registry.ts' {
  interface JobPayloads {
    'test.crash': { n: number };
  }
}

// The effect and the job's completion commit in one transaction (a transactional job): a
// kill before the commit undoes both, and the job runs again once its lock expires.
defineJob({
  type: 'test.crash',
  payload: z.strictObject({ n: z.number().int() }),
  transactional: true,
  timeoutSeconds: 1,
  handle: async (_p, ctx) => {
    await recordEffect(ctx.db, ctx.idempotencyKey, String(process.pid));
    await new Promise((r) => setTimeout(r, 2));
  },
});

const database = openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.CASEFILE_DATA_DIR,
  poolSize: 8,
});
startWorker({
  db: database.db,
  clock: systemClock,
  log: silentLogger,
  concurrency: 8,
  pollSeconds: 0.05,
  retryBaseSeconds: 0,
  retryCapSeconds: 0,
  lockGraceSeconds: 0,
  stopSeconds: 1,
});
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);

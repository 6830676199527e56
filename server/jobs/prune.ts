import { z } from 'zod';
import { pruneDoneJobs } from './jobs.repo.ts';
import { defineJob } from './registry.ts';

declare module './registry.ts' {
  interface JobPayloads {
    'jobs.prune': { keepDays: number };
  }
}

const BATCH = 5_000;

/**
 * Finished jobs are history, not work: recurring duties and webhook sweeps leave thousands a
 * day. Done jobs older than `keepDays` are deleted in batches (a short transaction each, so
 * ingestion never waits long behind it); dead and failed jobs stay until retried. Repeating it
 * is harmless.
 */
export const pruneJobsJob = defineJob({
  type: 'jobs.prune',
  payload: z.strictObject({ keepDays: z.number().int().min(1) }),
  maxAttempts: 3,
  handle: async (payload, ctx) => {
    const before = new Date(ctx.clock.now().getTime() - payload.keepDays * 86_400_000);
    let deleted = 0;
    for (;;) {
      if (ctx.signal.aborted) break;
      const n = await pruneDoneJobs(ctx.db, before.toISOString(), BATCH);
      deleted += n;
      if (n < BATCH) break;
    }
    if (deleted > 0) ctx.log.info({ deleted }, 'pruned finished jobs');
  },
});

import { z } from 'zod';
import { defineJob } from '../../jobs/index.ts';
import { deleteExpiredSessions } from './sessions.repo.ts';

declare module '../../jobs/registry.ts' {
  interface JobPayloads {
    'accounts.sweep-sessions': Record<string, never>;
  }
}

/**
 * Deletes the sessions that expired (they are refused anyway; this keeps the table small).
 * Deleting what is already gone is a no-op, so running a slot twice is harmless.
 */
export const sweepSessionsJob = defineJob({
  type: 'accounts.sweep-sessions',
  payload: z.strictObject({}),
  maxAttempts: 3,
  handle: async (_payload, ctx) => {
    await deleteExpiredSessions(ctx.db, ctx.clock.now().toISOString());
  },
});

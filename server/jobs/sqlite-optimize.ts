import { sql } from 'kysely';
import { z } from 'zod';
import { isPostgres } from '../db/dialect.ts';
import { defineJob } from './registry.ts';

declare module './registry.ts' {
  interface JobPayloads {
    'db.optimize': Record<string, never>;
  }
}

/**
 * SQLite plans the queues from its statistics; this keeps them fresh (PostgreSQL's autovacuum
 * does so by itself, and there the job does nothing). Repeating it is harmless.
 */
export const optimizeJob = defineJob({
  type: 'db.optimize',
  payload: z.strictObject({}),
  maxAttempts: 3,
  maxAgeMinutes: 6 * 60,
  handle: async (_payload, ctx) => {
    if (!isPostgres(ctx.db)) await sql`pragma optimize = 0x10002`.execute(ctx.db);
  },
});

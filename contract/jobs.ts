import { z } from 'zod';
import { Cursor, InstantOut, Limit, csv, page } from './common.ts';

export const JobState = z
  .enum(['queued', 'running', 'done', 'failed', 'dead'])
  .describe(
    'queued: waiting to run; running: a worker holds it; done; failed: waiting to be retried after its last error; dead: out of attempts or too old, retried only by hand',
  );
export type JobState = z.infer<typeof JobState>;

export const Job = z.object({
  id: z.number().int(),
  type: z.string().describe('What the job does, such as `audit.write-anchors`'),
  system: z.boolean().describe('A duty of the server rather than of this workspace'),
  state: JobState,
  attempts: z.number().int().describe('Runs so far'),
  maxAttempts: z.number().int().describe('Runs before it goes dead'),
  lastError: z.string().nullable().describe('Why its last run failed, if it did'),
  idempotencyKey: z.string().describe('The same key is the same work: enqueued and done once'),
  runAt: InstantOut.describe('When it is due (for a failed job: its next attempt)'),
  createdAt: InstantOut,
  updatedAt: InstantOut,
  finishedAt: InstantOut.nullable(),
});
export type Job = z.infer<typeof Job>;

export const ListJobsQuery = z.strictObject({
  state: csv(JobState).describe('Only jobs in these states'),
  type: z.string().min(1).max(100).optional().describe('Only jobs of this type'),
  limit: Limit,
  cursor: Cursor,
});
export type ListJobsQuery = z.infer<typeof ListJobsQuery>;

export const JobPage = page(Job);
export type JobPage = z.infer<typeof JobPage>;

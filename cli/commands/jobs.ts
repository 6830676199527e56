import { JobState } from '../../contract/jobs.ts';
import { listJobsFor, retryJob } from '../../server/modules/jobs/jobs.service.ts';
import { systemCtx, withDatabase } from './open.ts';
import type { Command } from './types.ts';

/** `casefile jobs list [--state S] [--type T] [--limit N]`: one line per job, newest first. */
export const jobsList: Command = {
  options: { state: { type: 'string' }, type: { type: 'string' }, limit: { type: 'string' } },
  run: (config, values) =>
    withDatabase(config, async (database, workspaceId) => {
      const states =
        typeof values.state === 'string' ? values.state.split(',').filter(Boolean) : undefined;
      const bad = states?.find((s) => !JobState.safeParse(s).success);
      if (bad !== undefined)
        throw new Error(`--state ${bad}: use queued, running, done, failed or dead`);
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!(Number.isInteger(limit) && limit >= 1 && limit <= 200))
        throw new Error('--limit must be a whole number from 1 to 200');
      const page = await listJobsFor(systemCtx(config, database, workspaceId), {
        state: states as JobState[] | undefined,
        type: typeof values.type === 'string' ? values.type : undefined,
        limit,
      });
      if (page.items.length === 0) console.log('No jobs.');
      for (const j of page.items)
        console.log(
          [
            `#${j.id}`,
            j.type,
            j.state,
            `${j.attempts}/${j.maxAttempts} attempts`,
            `due ${j.runAt}`,
            j.idempotencyKey,
            j.lastError ? `error: ${j.lastError}` : '',
          ]
            .filter(Boolean)
            .join('  '),
        );
      return 0;
    }),
};

/** `casefile jobs retry ID`: queues a failed or dead job again; audited as the system. */
export const jobsRetry: Command = {
  options: {},
  positionals: true,
  run: (config, _values, positionals) =>
    withDatabase(config, async (database, workspaceId) => {
      const id = Number(positionals[0]);
      if (positionals.length !== 1 || !Number.isSafeInteger(id) || id < 1)
        throw new Error('Usage: casefile jobs retry ID');
      const job = await retryJob(systemCtx(config, database, workspaceId), id);
      console.log(`Job #${job.id} (${job.type}) is queued again.`);
      return 0;
    }),
};

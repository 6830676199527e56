import type { UnitCtx } from '../../events/index.ts';
import type { JobCtx } from '../../jobs/index.ts';
import { systemActor } from '../workspaces/index.ts';

/**
 * The unit of work in which a content job (an e-mail's parse, a capture's thumbnail) stores its
 * outcome: the server's own change in the job's workspace. Its event (`evidence.parse_finished`,
 * `evidence.thumbnail_finished`) is what tells the log's consumers, live updates among them,
 * that the item's content is ready: a job never tells a consumer itself.
 */
export const contentJobUnit = (job: JobCtx, workspaceId: number): UnitCtx => ({
  db: job.db,
  actor: systemActor(workspaceId),
  clock: job.clock,
  log: job.log,
});

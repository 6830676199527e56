import type { Job, JobPage, ListJobsQuery } from '../../../contract/jobs.ts';
import { inTransaction } from '../../events/index.ts';
import type { Ctx } from '../../context.ts';
import type { JobRow } from '../../db/schema.ts';
import {
  findJob,
  jobKeys,
  listJobs,
  requeueJob,
  wakeLocalWorkers,
  type JobState,
} from '../../jobs/index.ts';
import { pageOf, readCursor } from '../../db/keyset.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { can, type Actor } from '../access/index.ts';

// Jobs are the server's plumbing: administrators see and retry them.
const requireAdmin = (actor: Actor) => {
  if (!can(actor, 'admin.manage')) throw forbidden();
};

const present = (row: JobRow): Job => ({
  id: row.id,
  type: row.type,
  system: row.workspaceId === null,
  state: row.state as JobState,
  attempts: row.attempts,
  maxAttempts: row.maxAttempts,
  lastError: row.lastError,
  idempotencyKey: row.idempotencyKey,
  runAt: row.runAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  finishedAt: row.finishedAt,
});

/** The workspace's jobs and the system's, newest first. Throws forbidden for non-admins. */
export async function listJobsFor(ctx: Ctx, q: ListJobsQuery): Promise<JobPage> {
  requireAdmin(ctx.actor);
  const rows = await listJobs(ctx.db, {
    workspaceId: ctx.actor.workspaceId,
    states: q.state,
    type: q.type,
    after: readCursor(q.cursor, jobKeys),
    limit: q.limit,
  });
  const { page, nextCursor } = pageOf(rows, q.limit, (r) => [r.id]);
  return { items: page.map(present), nextCursor };
}

/**
 * Puts a failed or dead job back in the queue, due now, with fresh attempts; audited.
 * Throws forbidden for non-admins, not_found for another workspace's job, conflict when the
 * job is not failed or dead.
 */
export async function retryJob(ctx: Ctx, id: number): Promise<Job> {
  requireAdmin(ctx.actor);
  const ws = ctx.actor.workspaceId;
  const at = ctx.clock.now().toISOString();
  const job = await inTransaction(ctx, async (tx, emit) => {
    const job = await findJob(tx, id);
    if (!job || (job.workspaceId !== null && job.workspaceId !== ws)) throw notFound('Job');
    const requeued = await requeueJob(tx, id, at);
    if (!requeued)
      throw conflict(`Only a failed or dead job can be retried; this one is ${job.state}`);
    await emit('job.retried', {
      workspaceId: ws,
      at,
      targetId: String(id),
      before: { state: job.state, attempts: job.attempts, lastError: job.lastError },
      after: { state: requeued.state, attempts: requeued.attempts },
    });
    return present(requeued);
  });
  // Committed: this process's worker may take it at once.
  wakeLocalWorkers();
  return job;
}

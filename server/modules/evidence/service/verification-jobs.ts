import { randomUUID } from 'node:crypto';
import {
  EvidenceReport,
  type EvidenceVerification,
  type VerifyEvidenceRequest,
} from '../../../../contract/evidence-verify.ts';
import type { Ctx } from '../../../context.ts';
import { enqueueJob, findJob, wakeLocalWorkers, type JobState } from '../../../jobs/index.ts';
import { forbidden, notFound } from '../../../lib/errors.ts';
import { can } from '../../access/index.ts';
import { auditHeadSeq, listAuditEventsAfter } from '../../audit/index.ts';
import { loadCase } from '../../cases/index.ts';
import * as repo from '../verify.repo.ts';
import { verifyEvidenceJob } from '../verify.job.ts';

const TYPE = verifyEvidenceJob.type;

// Verification reads the whole store and writes to every custody log: an administrator's duty.
const requireAdmin = (ctx: Ctx) => {
  if (!can(ctx.actor, 'admin.manage')) throw forbidden();
};

/**
 * Queues a verification of the workspace's evidence (or one case's) and answers its job id.
 * Every request is a run of its own. Throws forbidden (not an administrator), not_found (case).
 */
export async function requestVerification(
  ctx: Ctx,
  input: VerifyEvidenceRequest,
): Promise<{ jobId: number }> {
  requireAdmin(ctx);
  const ws = ctx.actor.workspaceId;
  const kase = input.caseNumber === undefined ? undefined : await loadCase(ctx, input.caseNumber);
  const key = `verify:${ws}:${randomUUID()}`;
  await enqueueJob(ctx.db, {
    type: TYPE,
    workspaceId: ws,
    idempotencyKey: key,
    now: ctx.clock.now(),
    payload: {
      ...(kase && { caseId: kase.row.id, caseNumber: kase.row.number }),
      requestedBy: { id: ctx.actor.accountId, name: ctx.actor.name },
      afterSeq: await auditHeadSeq(ctx.db, ws),
    },
  });
  wakeLocalWorkers();
  const jobId = await repo.findJobIdByKey(ctx.db, TYPE, key);
  if (jobId === undefined) throw new Error('the verification job was not stored');
  return { jobId };
}

const PAGE = 500;

/** The last report recorded for the job, reading the log from where it stood when queued. */
async function findReport(ctx: Ctx, jobId: number, afterSeq: number) {
  let found: EvidenceReport | null = null;
  for (let seq = afterSeq; ;) {
    const events = await listAuditEventsAfter(ctx.db, ctx.actor.workspaceId, seq, PAGE);
    for (const e of events)
      if (e.action === 'evidence.verified' && e.targetType === 'job' && e.targetId === `${jobId}`)
        found = EvidenceReport.parse(JSON.parse(e.after ?? 'null'));
    if (events.length < PAGE) return found;
    seq = events.at(-1)!.seq;
  }
}

/**
 * A verification: its job's state and, once a run has finished, its report. Throws forbidden
 * (not an administrator), not_found (no such verification in the workspace).
 */
export async function getVerification(ctx: Ctx, jobId: number): Promise<EvidenceVerification> {
  requireAdmin(ctx);
  const job = await findJob(ctx.db, jobId);
  if (!job || job.type !== TYPE || job.workspaceId !== ctx.actor.workspaceId)
    throw notFound('Verification');
  const payload = verifyEvidenceJob.payload.parse(JSON.parse(job.payload));
  return {
    jobId,
    state: job.state as JobState,
    caseNumber: payload.caseNumber ?? null,
    requestedAt: job.createdAt,
    lastError: job.lastError,
    report: await findReport(ctx, jobId, payload.afterSeq),
  };
}

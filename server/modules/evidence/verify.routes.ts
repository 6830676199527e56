import {
  EvidenceVerification,
  EvidenceVerificationParams,
  VerifyEvidenceRequest,
} from '../../../contract/evidence-verify.ts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { getVerification, requestVerification } from './service/verification-jobs.ts';

const tag = 'Evidence';

const Queued = z.object({
  jobId: z.number().int().describe('The verification job: follow it at /evidence/verify/{jobId}'),
});

/** Integrity verification of the stored evidence, run as a background job (administrators). */
export const evidenceVerifyRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/evidence/verify',
    operationId: 'verifyEvidence',
    summary: "Verify the workspace's evidence in the background (admins)",
    description:
      "Queues a job that hashes every item's bytes again and checks every custody log, appending a `verified` (or `integrity_failed`, audited) entry to each. Answers 202 with the job's id; its report comes from `GET /api/v1/evidence/verify/{jobId}`.",
    tag,
    auth: 'any',
    body: VerifyEvidenceRequest,
    response: { status: 202, schema: Queued },
    handler: ({ ctx, body }) => requestVerification(ctx, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/evidence/verify/:jobId',
    operationId: 'getEvidenceVerification',
    summary: 'A verification of the evidence: its state, and its report once done (admins)',
    tag,
    auth: 'any',
    params: EvidenceVerificationParams,
    response: { status: 200, schema: EvidenceVerification },
    handler: ({ ctx, params }) => getVerification(ctx, params.jobId),
  }),
];

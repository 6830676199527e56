import { z } from 'zod';
import { Id, InstantOut, QueryId } from './common.ts';
import { JobState } from './jobs.ts';

export const EvidenceProblemKind = z
  .enum(['missing', 'altered', 'unreadable', 'broken_chain', 'unreferenced'])
  .describe(
    'missing: the bytes of an item are gone from the store. altered: their SHA-256 or length is not the recorded one. unreadable: the store failed while reading them. broken_chain: the custody log does not hash together. unreferenced: bytes in the store that no item refers to',
  );
export type EvidenceProblemKind = z.infer<typeof EvidenceProblemKind>;

export const EvidenceProblem = z
  .object({
    kind: EvidenceProblemKind,
    evidenceId: z.number().int().nullable().describe('The item; null for unreferenced bytes'),
    caseNumber: z.number().int().nullable(),
    sha256: z.string().describe('The SHA-256 the item records (or the stored blob’s name)'),
    detail: z.string().describe('What is wrong, in words'),
  })
  .describe('One integrity problem found');
export type EvidenceProblem = z.infer<typeof EvidenceProblem>;

export const EvidenceReport = z
  .object({
    caseNumber: z.number().int().nullable().describe('The case verified; null for all evidence'),
    startedAt: InstantOut,
    finishedAt: InstantOut,
    complete: z.boolean().describe('false when the run stopped before the last item'),
    items: z.number().int().describe('Items verified'),
    blobs: z.number().int().describe('Distinct stored files read (items may share their bytes)'),
    bytes: z.number().int().describe('Bytes read and hashed'),
    intact: z.number().int().describe('Items whose bytes and custody log are both intact'),
    missing: z.number().int(),
    altered: z.number().int(),
    unreadable: z.number().int(),
    brokenChains: z.number().int(),
    unreferenced: z
      .number()
      .int()
      .nullable()
      .describe('Stored files no item refers to; null when the run did not cover the whole store'),
    problems: z.array(EvidenceProblem).describe('The problems found, the first 100'),
    problemsLeftOut: z.number().int().describe('Problems found beyond those listed'),
  })
  .describe('What a verification of the evidence found');
export type EvidenceReport = z.infer<typeof EvidenceReport>;

export const VerifyEvidenceRequest = z
  .strictObject({
    caseNumber: Id.optional().describe(
      'Verify this case’s evidence only; all evidence when absent',
    ),
  })
  .default({});
export type VerifyEvidenceRequest = z.infer<typeof VerifyEvidenceRequest>;

export const EvidenceVerificationParams = z.strictObject({ jobId: QueryId });

export const EvidenceVerification = z
  .object({
    jobId: z.number().int(),
    state: JobState,
    caseNumber: z.number().int().nullable(),
    requestedAt: InstantOut,
    lastError: z.string().nullable().describe('Why its last run failed, if it did'),
    report: EvidenceReport.nullable().describe('Once the run has finished'),
  })
  .describe('A verification of the evidence, queued, running or done');
export type EvidenceVerification = z.infer<typeof EvidenceVerification>;

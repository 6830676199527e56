import { z } from 'zod';
import { defineJob } from '../../jobs/index.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { verifyEvidence } from './service/verify-evidence.ts';

declare module '../../jobs/registry.ts' {
  interface JobPayloads {
    'evidence.verify': {
      caseId?: number;
      caseNumber?: number;
      requestedBy: { id: number; name: string };
      /** The workspace's audit sequence when it was asked for: its report is recorded after. */
      afterSeq: number;
    };
  }
}

let store: BlobStore | undefined;

/** Gives this process's verification jobs the evidence store (the server and the worker do). */
export function provideVerificationStore(given: BlobStore): void {
  store = given;
}

/**
 * Verifies a workspace's evidence (or one case's) and records the report as an
 * `evidence.verified` event about this job. Running it again (after a crash, or a retry) verifies
 * again: each item gets another `verified` entry and the job another report, the last one
 * standing; nothing is lost and nothing is wrong twice. A run stopped by its time limit records
 * what it verified (`complete: false`) and fails.
 */
export const verifyEvidenceJob = defineJob({
  type: 'evidence.verify',
  payload: z.strictObject({
    caseId: z.number().int().positive().optional(),
    caseNumber: z.number().int().positive().optional(),
    requestedBy: z.strictObject({ id: z.number().int(), name: z.string() }),
    afterSeq: z.number().int().min(0),
  }),
  maxAttempts: 2,
  // The longest of any job type: a claim's lock lasts the longest timeout of all types, so a
  // longer one here would make every crashed job wait that long. Larger stores: the command line.
  timeoutSeconds: 600,
  handle: async (payload, ctx) => {
    if (!store) throw new Error('evidence verification has no store in this process');
    if (ctx.workspaceId === null) throw new Error('an evidence verification needs a workspace');
    const report = await verifyEvidence(
      { db: ctx.db, clock: ctx.clock, log: ctx.log, store },
      {
        workspaceId: ctx.workspaceId,
        case:
          payload.caseId !== undefined && payload.caseNumber !== undefined
            ? { id: payload.caseId, number: payload.caseNumber }
            : undefined,
      },
      { signal: ctx.signal, jobId: ctx.jobId, requestedBy: payload.requestedBy },
    );
    if (!report.complete)
      throw new Error(`stopped after ${report.items} items: the run took longer than it may`);
  },
});

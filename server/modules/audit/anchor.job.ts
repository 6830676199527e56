import { z } from 'zod';
import { defineJob } from '../../jobs/index.ts';
import { writeAuditAnchors } from './anchors.ts';

declare module '../../jobs/registry.ts' {
  interface JobPayloads {
    'audit.write-anchors': { file: string };
  }
}

/**
 * Appends where each audit chain stands to the anchor file. A second run of a slot appends
 * the heads again: an extra anchor is true when written and harmless to verification.
 */
export const writeAnchorsJob = defineJob({
  type: 'audit.write-anchors',
  payload: z.strictObject({ file: z.string().min(1) }),
  maxAttempts: 5,
  handle: async (payload, ctx) => {
    await writeAuditAnchors(ctx.db, ctx.clock, payload.file);
  },
});

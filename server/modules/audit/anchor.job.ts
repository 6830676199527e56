import { z } from 'zod';
import { defineJob } from '../../jobs/index.ts';
import { postOutbound } from '../../lib/outbound/index.ts';
import { writeAuditAnchors, type AuditAnchor } from './anchors.ts';

declare module '../../jobs/registry.ts' {
  interface JobPayloads {
    'audit.write-anchors': { file: string; url?: string; allowHosts?: string[] };
  }
}

/**
 * Appends where each audit chain stands to the anchor file and, when a URL is configured,
 * posts the same anchors there, so that a copy lives outside this machine too. A second run
 * of a slot appends and posts the heads again: an extra anchor is true when written and
 * harmless to verification. A receiver that does not answer 2xx fails the run (it retries).
 */
export const writeAnchorsJob = defineJob({
  type: 'audit.write-anchors',
  payload: z.strictObject({
    file: z.string().min(1),
    url: z.string().url().optional(),
    allowHosts: z.array(z.string()).optional(),
  }),
  maxAttempts: 5,
  handle: async (payload, ctx) => {
    const anchors = await writeAuditAnchors(ctx.db, ctx.clock, payload.file);
    if (payload.url && anchors.length > 0) await publishAnchors(payload, anchors);
  },
});

async function publishAnchors(
  target: { url?: string; allowHosts?: string[] },
  anchors: AuditAnchor[],
): Promise<void> {
  const result = await postOutbound({
    url: target.url!,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'audit.anchors', anchors }),
    allowHosts: target.allowHosts ?? [],
  });
  if (!result.ok) throw new Error(`audit anchors not published: ${result.message}`);
  if (result.status < 200 || result.status >= 300)
    throw new Error(`audit anchors not published: the receiver answered HTTP ${result.status}`);
}

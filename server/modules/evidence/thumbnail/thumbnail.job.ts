import { Readable } from 'node:stream';
import { z } from 'zod';
import { inTransaction } from '../../../events/index.ts';
import { defineJob } from '../../../jobs/index.ts';
import { contentSettings } from '../content-settings.ts';
import { contentJobUnit } from '../content-unit.ts';
import * as content from '../content.repo.ts';
import { makeThumbnail, type ThumbnailOutcome } from './make-thumbnail.ts';

declare module '../../../jobs/registry.ts' {
  interface JobPayloads {
    'evidence.thumbnail': { evidenceId: number };
  }
}

const ATTEMPTS = 3;

/**
 * Makes the thumbnail of a capture and stores it in the blob store (a derived blob, named by
 * its own SHA-256), recorded on the item's thumbnail row; an image sharp refuses (beyond the
 * pixel cap, undecodable, too slow) is recorded as a failed thumbnail, with an
 * `evidence.thumbnail_finished` event in the same unit of work. The original is only read. A run
 * after the outcome was stored does nothing.
 */
export const thumbnailJob = defineJob({
  type: 'evidence.thumbnail',
  payload: z.strictObject({ evidenceId: z.number().int().positive() }),
  maxAttempts: ATTEMPTS,
  timeoutSeconds: 60,
  handle: async ({ evidenceId }, job) => {
    const ws = job.workspaceId;
    if (ws === null) throw new Error('a thumbnail job names its workspace');
    const row = await content.findThumbnail(job.db, ws, evidenceId);
    const item = await content.itemForWork(job.db, ws, evidenceId);
    if (row?.status !== 'pending' || !item) return;
    const { store, thumbnail: limits } = contentSettings();
    let outcome: ThumbnailOutcome;
    let sha256: string | null = null;
    try {
      outcome = await makeThumbnail(
        store,
        { sha256: item.sha256, sizeBytes: Number(item.sizeBytes) },
        limits,
      );
      if (outcome.ok)
        sha256 = (
          await store.put(Readable.from([outcome.bytes]), { maxBytes: outcome.bytes.length })
        ).sha256;
    } catch (error) {
      if (job.attempt < ATTEMPTS || job.signal.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      outcome = { ok: false, reason: `The image could not be read: ${message.slice(0, 500)}` };
    }
    const at = job.clock.now().toISOString();
    const fields = outcome.ok
      ? {
          status: 'made' as const,
          sha256,
          mediaType: outcome.mediaType,
          width: outcome.width,
          height: outcome.height,
          sizeBytes: outcome.bytes.length,
          updatedAt: at,
        }
      : { status: 'failed' as const, failure: outcome.reason, updatedAt: at };
    await inTransaction(contentJobUnit(job, ws), async (tx, emit) => {
      if (!(await content.finishThumbnail(tx, ws, evidenceId, fields))) return;
      await emit('evidence.thumbnail_finished', {
        targetId: evidenceId,
        caseId: item.caseId,
        after: { status: fields.status },
      });
    });
  },
});

import type { Db } from '../../db/connection.ts';
import { joinUnit } from '../../events/index.ts';
import { enqueueJob, wakeLocalWorkers } from '../../jobs/index.ts';
import * as content from './content.repo.ts';
import { parseMessageJob } from './message/parse-message.job.ts';
import { THUMBNAILED } from './thumbnail/limits.ts';
import { thumbnailJob } from './thumbnail/thumbnail.job.ts';

/** Whether an item is an e-mail the server parses: of kind email, and detected as one. */
export const isParsedEmail = (item: { kind: string; detectedType: string }) =>
  item.kind === 'email' && item.detectedType === 'message/rfc822';

/**
 * Queues what the server works out from a new item, in the transaction that adds it: an
 * e-mail's parse, a capture's thumbnail (each a pending row and a job). Nothing else is ever
 * queued: no job unpacks an archive or decodes any other type. `tx` is a unit of work's.
 * Answers which of the two it queued.
 */
export async function queueContentWork(
  tx: Db,
  item: { id: number; workspaceId: number; kind: string; detectedType: string },
  now: Date,
): Promise<{ message: boolean; thumbnail: boolean }> {
  const at = now.toISOString();
  const job = { payload: { evidenceId: item.id }, workspaceId: item.workspaceId, now };
  const message = isParsedEmail(item);
  const thumbnail = THUMBNAILED.has(item.detectedType);
  if (message) {
    await content.insertPendingMessage(tx, item.workspaceId, item.id, at);
    await enqueueJob(tx, {
      ...job,
      type: parseMessageJob.type,
      idempotencyKey: `parse-message:${item.id}`,
    });
  }
  if (thumbnail) {
    await content.insertPendingThumbnail(tx, item.workspaceId, item.id, at);
    await enqueueJob(tx, {
      ...job,
      type: thumbnailJob.type,
      idempotencyKey: `thumbnail:${item.id}`,
    });
  }
  if (message || thumbnail) joinUnit(tx).afterCommit(wakeLocalWorkers);
  return { message, thumbnail };
}

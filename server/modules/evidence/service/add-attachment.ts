import type { EvidenceItem } from '../../../../contract/evidence.ts';
import type { Ctx } from '../../../context.ts';
import { inTransaction } from '../../../events/index.ts';
import { AppError, notFound } from '../../../lib/errors.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';
import { queueContentWork } from '../content-work.ts';
import * as content from '../content.repo.ts';
import { kindOf } from '../detect-type.ts';
import { presentEvidence } from '../evidence.presenter.ts';
import * as repo from '../evidence.repo.ts';
import { custodyActor } from './evidence-io.ts';
import { loadParsedMessage } from './read-message.ts';

/** Another request linked the attachment first: this one's item is rolled back. */
class LinkedMeanwhile extends Error {}

/**
 * Adds an attachment of a parsed e-mail item as an evidence item of its own: its decoded bytes
 * (stored in the blob store when the message was parsed, under their SHA-256), the e-mail as
 * its parent, its type detected from the bytes, its custody log opened with where it came
 * from, audited; its own content work queued (a forwarded message is parsed, an image gets a
 * thumbnail). Adding the same attachment again answers the item made the first time
 * (`created: false`). Throws as `loadParsedMessage`, not_found (no such attachment), conflict
 * (an empty attachment), internal (its bytes missing from the store).
 */
export async function addAttachmentEvidence(
  ctx: Ctx,
  number: number,
  id: number,
  index: number,
  store: BlobStore,
): Promise<{ item: EvidenceItem; created: boolean }> {
  const { case: c, item: email } = await loadParsedMessage(ctx, number, id);
  const ws = ctx.actor.workspaceId;
  const existing = async () => {
    const a = await content.findAttachment(ctx.db, ws, id, index);
    const made = a?.itemId == null ? undefined : await repo.findItem(ctx.db, ws, c.id, a.itemId);
    return made && { item: presentEvidence(made, c.number), created: false };
  };
  const attachment = await content.findAttachment(ctx.db, ws, id, index);
  if (!attachment) throw notFound(`Attachment ${index} of evidence ${id}`);
  const already = await existing();
  if (already) return already;
  const size = Number(attachment.sizeBytes);
  if (size === 0)
    throw new AppError('conflict', 'This attachment is empty: there is nothing to add');
  if ((await store.size(attachment.sha256)) !== size)
    throw new AppError('internal', 'The bytes of this attachment are missing from the store');

  const name = attachment.filename ?? `attachment-${index}`;
  const kind = kindOf(attachment.detectedType);
  const at = ctx.clock.now().toISOString();
  let itemId: number;
  try {
    itemId = await inTransaction(ctx, async (tx, emit) => {
      const newId = await repo.insertItem(tx, {
        workspaceId: ws,
        caseId: c.id,
        kind,
        name,
        sha256: attachment.sha256,
        sizeBytes: size,
        claimedType: attachment.contentType,
        detectedType: attachment.detectedType,
        note: '',
        parentId: email.id,
        acquiredAt: null,
        acquisitionMethod: null,
        capturedAt: null,
        activityId: null,
        alertId: null,
        addedBy: ctx.actor.accountId,
        addedAt: at,
        removedAt: null,
        removedBy: null,
        removalReason: null,
      });
      if (!(await content.linkAttachmentItem(tx, ws, id, index, newId)))
        throw new LinkedMeanwhile();
      await queueContentWork(
        tx,
        { id: newId, workspaceId: ws, kind, detectedType: attachment.detectedType },
        new Date(at),
      );
      await repo.appendCustody(
        tx,
        {
          ...custodyActor(ctx),
          workspaceId: ws,
          evidenceId: newId,
          action: 'added',
          at,
          purpose: null,
          details: JSON.stringify({
            fromEmail: email.id,
            attachment: index,
            name,
            sha256: attachment.sha256,
            sizeBytes: size,
            detectedType: attachment.detectedType,
            claimedType: attachment.contentType,
          }),
        },
        // A new item: its log starts at its SHA-256.
        { seq: 0, hash: attachment.sha256 },
      );
      await emit('evidence.added', {
        targetId: newId,
        caseId: c.id,
        after: {
          name,
          kind,
          sha256: attachment.sha256,
          sizeBytes: size,
          detectedType: attachment.detectedType,
        },
      });
      return newId;
    });
  } catch (error) {
    if (!(error instanceof LinkedMeanwhile)) throw error;
    const made = await existing();
    if (!made) throw error;
    return made;
  }
  return {
    item: presentEvidence((await repo.findItem(ctx.db, ws, c.id, itemId))!, c.number),
    created: true,
  };
}

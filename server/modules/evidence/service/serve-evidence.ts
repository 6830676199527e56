import type { Readable } from 'node:stream';
import type { EvidenceItem } from '../../../../contract/evidence.ts';
import type { Ctx } from '../../../context.ts';
import { inTransaction } from '../../../events/index.ts';
import { AppError, notFound } from '../../../lib/errors.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';
import { isShownInline } from '../detect-type.ts';
import { presentEvidence } from '../evidence.presenter.ts';
import * as repo from '../evidence.repo.ts';
import { loadEvidenceCase } from './evidence-case.ts';
import { custodyActor, verifying } from './evidence-io.ts';

export interface ServedEvidence {
  item: EvidenceItem;
  /** The bytes, verified against the item's SHA-256 on the way out. */
  stream: Readable;
}

/**
 * Records a failed integrity check on the item's custody log, audited, apart from any
 * transaction of the request (which is failing).
 */
async function recordIntegrityFailure(
  ctx: Ctx,
  item: { id: number; caseId: number; sha256: string },
  problem: string,
  actual: string | null,
): Promise<void> {
  await inTransaction(ctx, async (tx, emit) => {
    await repo.appendCustody(tx, {
      ...custodyActor(ctx),
      workspaceId: ctx.actor.workspaceId,
      evidenceId: item.id,
      action: 'integrity_failed',
      at: ctx.clock.now().toISOString(),
      purpose: null,
      details: JSON.stringify({ problem, expected: item.sha256, actual }),
    });
    await emit('evidence.integrity_failed', {
      targetId: item.id,
      caseId: item.caseId,
      before: { sha256: item.sha256 },
      after: { problem, actual },
    });
  });
}

/**
 * Opens an item's bytes for a download (with a purpose) or an inline view (images and video
 * only), recording the access on its custody log first, audited. The stream checks the SHA-256 as
 * it goes and fails, recording the mismatch, when the bytes were altered. Throws not_found,
 * conflict (removed, or not viewable inline), internal (bytes missing from the store, recorded).
 */
export async function serveEvidence(
  ctx: Ctx,
  number: number,
  id: number,
  access: { mode: 'download'; purpose: string } | { mode: 'view'; purpose?: string | undefined },
  store: BlobStore,
): Promise<ServedEvidence> {
  const { row: c } = await loadEvidenceCase(ctx, number);
  const ws = ctx.actor.workspaceId;
  const item = await repo.findItem(ctx.db, ws, c.id, id);
  if (!item) throw notFound(`Evidence ${id} of case ${number}`);
  if (item.removedAt !== null)
    throw new AppError('conflict', 'This evidence was removed: its bytes are kept, not served');
  if (access.mode === 'view' && !isShownInline(item.detectedType))
    throw new AppError(
      'conflict',
      `Only images and video are shown in the browser; this is ${item.detectedType}: download it`,
    );
  const source = await store.open(item.sha256);
  if (!source) {
    await recordIntegrityFailure(ctx, item, 'missing from the store', null);
    throw new AppError('internal', 'The bytes of this evidence are missing from the store');
  }
  await inTransaction(ctx, async (tx, emit) => {
    await repo.appendCustody(
      tx,
      {
        ...custodyActor(ctx),
        workspaceId: ws,
        evidenceId: item.id,
        action: access.mode === 'download' ? 'downloaded' : 'viewed',
        at: ctx.clock.now().toISOString(),
        purpose: access.purpose ?? null,
        details: '{}',
      },
      // The head as just read: two statements unless another access moved it meanwhile.
      { seq: item.custodySeq, hash: item.custodyHead },
    );
    if (access.mode === 'download')
      await emit('evidence.downloaded', {
        targetId: item.id,
        caseId: c.id,
        after: { name: item.name, sha256: item.sha256, purpose: access.purpose },
      });
    // Audited as well, so that what reacts to the log (live updates of an open custody log)
    // hears of it; the case's activity log leaves views out (the custody log lists them).
    else
      await emit('evidence.viewed', {
        targetId: item.id,
        caseId: c.id,
        after: {
          name: item.name,
          sha256: item.sha256,
          part: 'bytes',
          purpose: access.purpose ?? null,
        },
      });
  });
  const size = Number(item.sizeBytes);
  const stream = verifying(source, { sha256: item.sha256, size }, (actual) => {
    ctx.log.error({ evidenceId: item.id }, 'evidence bytes do not match their SHA-256');
    void recordIntegrityFailure(ctx, item, 'altered', actual.sha256).catch((error: unknown) =>
      ctx.log.error({ err: error, evidenceId: item.id }, 'could not record an integrity failure'),
    );
  });
  return { item: presentEvidence(item, c.number), stream };
}

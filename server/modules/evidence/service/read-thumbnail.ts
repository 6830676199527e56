import type { Readable } from 'node:stream';
import type { Ctx } from '../../../context.ts';
import { AppError, notFound } from '../../../lib/errors.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';
import * as content from '../content.repo.ts';
import * as repo from '../evidence.repo.ts';
import { loadEvidenceCase } from './evidence-case.ts';

export interface Thumbnail {
  stream: Readable;
  mediaType: string;
  sizeBytes: number;
}

/**
 * The thumbnail of a capture. Throws not_found (no such item; no thumbnail: not an image,
 * not made yet, or refused, with the status and reason in `details`), conflict (removed).
 */
export async function openThumbnail(
  ctx: Ctx,
  number: number,
  id: number,
  store: BlobStore,
): Promise<Thumbnail> {
  const { row: c } = await loadEvidenceCase(ctx, number);
  const ws = ctx.actor.workspaceId;
  const item = await repo.findItem(ctx.db, ws, c.id, id);
  if (!item) throw notFound(`Evidence ${id} of case ${number}`);
  if (item.removedAt !== null)
    throw new AppError('conflict', 'This evidence was removed: its content is not shown');
  const thumb = await content.findThumbnail(ctx.db, ws, id);
  const stream =
    thumb?.status === 'made' && thumb.sha256 ? await store.open(thumb.sha256) : undefined;
  if (!thumb || !stream)
    throw new AppError('not_found', `Evidence ${id} has no thumbnail: show it with its view`, {
      status: thumb?.status ?? 'none',
      reason: thumb?.failure ?? null,
    });
  return { stream, mediaType: thumb.mediaType ?? 'image/webp', sizeBytes: thumb.sizeBytes ?? 0 };
}

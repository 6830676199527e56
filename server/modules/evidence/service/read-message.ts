import type { EvidenceMessage } from '../../../../contract/evidence.ts';
import type { Ctx } from '../../../context.ts';
import { inTransaction } from '../../../events/index.ts';
import { AppError, notFound } from '../../../lib/errors.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';
import * as content from '../content.repo.ts';
import * as repo from '../evidence.repo.ts';
import { presentMessage } from '../message/message.presenter.ts';
import { sanitizeMessageHtml } from '../message/sanitize-html.ts';
import { loadEvidenceCase } from './evidence-case.ts';
import { custodyActor } from './evidence-io.ts';

/** Images of the message shown inline (as data: URIs): raster only, and only this much. */
const INLINE_IMAGE = {
  types: new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
  each: 2 * 1024 * 1024,
  total: 10 * 1024 * 1024,
};

/**
 * An e-mail item of the case and its parsed message. Throws not_found (no such item, or no
 * evidence.manage), conflict (removed; not an e-mail the server parses; still being parsed, or
 * not parsed, with the reason in `details`).
 */
export async function loadParsedMessage(ctx: Ctx, number: number, id: number) {
  const { row: c } = await loadEvidenceCase(ctx, number);
  const ws = ctx.actor.workspaceId;
  const item = await repo.findItem(ctx.db, ws, c.id, id);
  if (!item) throw notFound(`Evidence ${id} of case ${number}`);
  if (item.removedAt !== null)
    throw new AppError('conflict', 'This evidence was removed: its content is not shown');
  const message = await content.findMessage(ctx.db, ws, id);
  if (!message)
    throw new AppError('conflict', 'This evidence is not an e-mail message', { status: 'none' });
  if (message.status === 'pending')
    throw new AppError('conflict', 'This e-mail is still being parsed: try again shortly', {
      status: 'pending',
    });
  if (message.status !== 'parsed')
    throw new AppError('conflict', message.failure ?? 'This e-mail could not be parsed', {
      status: 'failed',
      reason: message.failure,
    });
  return { case: c, item, message };
}

/** The parsed message of an e-mail item. Throws as `loadParsedMessage`. */
export async function getMessage(ctx: Ctx, number: number, id: number): Promise<EvidenceMessage> {
  const { message } = await loadParsedMessage(ctx, number, id);
  return presentMessage(message, await content.listAttachments(ctx.db, ctx.actor.workspaceId, id));
}

/** The raw header block of an e-mail item, as received (cut at the kept length). */
export async function getRawHeaders(ctx: Ctx, number: number, id: number): Promise<string> {
  const { message } = await loadParsedMessage(ctx, number, id);
  return message.rawHeaders ?? '';
}

/** The message's own images by Content-ID, as data: URIs. */
async function inlineImages(ctx: Ctx, id: number, store: BlobStore): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let total = 0;
  for (const a of await content.listAttachments(ctx.db, ctx.actor.workspaceId, id)) {
    const size = Number(a.sizeBytes);
    if (!a.contentId || !INLINE_IMAGE.types.has(a.detectedType) || size === 0) continue;
    if (size > INLINE_IMAGE.each || total + size > INLINE_IMAGE.total) continue;
    const stream = await store.open(a.sha256);
    if (!stream) continue;
    const parts: Buffer[] = [];
    for await (const chunk of stream) parts.push(chunk as Buffer);
    total += size;
    const key = a.contentId.replace(/^<|>$/g, '').toLowerCase();
    found.set(key, `data:${a.detectedType};base64,${Buffer.concat(parts).toString('base64')}`);
  }
  return found;
}

/**
 * The HTML body of an e-mail item, sanitised for a sandboxed frame (sanitize-html.ts), with
 * remote images only when asked; the view is recorded on the item's custody log, audited.
 * Throws as `loadParsedMessage`, and conflict when the message has no HTML body.
 */
export async function getMessageHtml(
  ctx: Ctx,
  number: number,
  id: number,
  remote: boolean,
  store: BlobStore,
): Promise<string> {
  const { case: c, item, message } = await loadParsedMessage(ctx, number, id);
  if (!message.htmlBody) throw new AppError('conflict', 'This e-mail has no HTML body');
  const html = sanitizeMessageHtml(message.htmlBody, {
    remote,
    inline: await inlineImages(ctx, id, store),
  });
  await inTransaction(ctx, async (tx, emit) => {
    await repo.appendCustody(tx, {
      ...custodyActor(ctx),
      workspaceId: ctx.actor.workspaceId,
      evidenceId: id,
      action: 'viewed',
      at: ctx.clock.now().toISOString(),
      purpose: null,
      details: JSON.stringify({ part: 'html', remote }),
    });
    await emit('evidence.viewed', {
      targetId: id,
      caseId: c.id,
      after: { name: item.name, sha256: item.sha256, part: 'html', purpose: null },
    });
  });
  return html;
}

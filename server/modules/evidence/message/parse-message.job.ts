import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { inTransaction } from '../../../events/index.ts';
import { defineJob } from '../../../jobs/index.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';
import { contentSettings } from '../content-settings.ts';
import { contentJobUnit } from '../content-unit.ts';
import * as content from '../content.repo.ts';
import { detectType, HEAD_BYTES } from '../detect-type.ts';
import { KEPT_CHARS } from './limits.ts';
import { parseStoredMessage, type ParsedMessage, type ParseOutcome } from './parse-message.ts';

declare module '../../../jobs/registry.ts' {
  interface JobPayloads {
    'evidence.parse-message': { evidenceId: number };
  }
}

const ATTEMPTS = 3;

/** Text as stored: NUL (which PostgreSQL text cannot hold) shown as U+FFFD. */
const noNul = (s: string) => s.replaceAll('\u0000', '\uFFFD');
const cut = (s: string | null, max: number) => (s === null ? null : noNul(s.slice(0, max)));

/** Stores each attachment's decoded bytes in the blob store; answers their rows. */
async function storeAttachments(store: BlobStore, parsed: ParsedMessage, maxBytes: number) {
  const rows = [];
  for (const [i, a] of parsed.attachments.entries()) {
    const bytes = Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // An empty part has nothing to store; it can be listed, never added as evidence.
    if (bytes.length > 0)
      await store.put(Readable.from([bytes]), { maxBytes, expectedSha256: sha256 });
    rows.push({
      idx: i + 1,
      filename: cut(a.filename, 1000),
      contentType: cut(a.contentType, 200) ?? 'application/octet-stream',
      detectedType:
        bytes.length > 0 ? await detectType(bytes.subarray(0, HEAD_BYTES)) : 'application/x-empty',
      sizeBytes: bytes.length,
      sha256,
      contentId: cut(a.contentId, 1000),
      disposition: cut(a.disposition, 100),
      itemId: null,
    });
  }
  return rows;
}

/** The message row's fields for a parse's outcome. */
function messageFields(outcome: ParseOutcome, at: string) {
  if (!outcome.ok) return { status: 'failed', failure: outcome.reason, updatedAt: at };
  const truncated = [
    ...((outcome.text?.length ?? 0) > KEPT_CHARS.body ? ['text'] : []),
    ...((outcome.html?.length ?? 0) > KEPT_CHARS.body ? ['html'] : []),
    ...(outcome.rawHeaders.length > KEPT_CHARS.rawHeaders ? ['rawHeaders'] : []),
  ];
  const json = (v: unknown) => noNul(JSON.stringify(v));
  return {
    status: 'parsed',
    failure: null,
    headers: json(outcome.headers),
    rawHeaders: cut(outcome.rawHeaders, KEPT_CHARS.rawHeaders),
    rawHeadersBytes: outcome.rawHeadersBytes,
    mailFrom: json(outcome.from),
    mailTo: json(outcome.to),
    mailCc: json(outcome.cc),
    replyTo: json(outcome.replyTo),
    subject: cut(outcome.subject, 10_000),
    dateHeader: cut(outcome.date, 1000),
    sentAt: outcome.sentAt,
    messageId: cut(outcome.messageId, 1000),
    textBody: cut(outcome.text, KEPT_CHARS.body),
    htmlBody: cut(outcome.html, KEPT_CHARS.body),
    truncated: JSON.stringify(truncated),
    updatedAt: at,
  };
}

/**
 * Parses an e-mail item (in a thread of its own, under the message limits), stores its
 * attachments' bytes in the blob store and the outcome on its message row: parsed, or failed
 * with the reason. A message beyond a limit, a parser that runs out of time or memory, or a
 * malformed message is a failed parse, not a failed job. The outcome is stored with an
 * `evidence.parse_finished` event in one unit of work. A run after the outcome was stored does
 * nothing; attachments are stored by their SHA-256, so storing them twice is harmless.
 */
export const parseMessageJob = defineJob({
  type: 'evidence.parse-message',
  payload: z.strictObject({ evidenceId: z.number().int().positive() }),
  maxAttempts: ATTEMPTS,
  // The parser's own limit (10 s) plus reading the message and storing its attachments.
  timeoutSeconds: 120,
  handle: async ({ evidenceId }, job) => {
    const ws = job.workspaceId;
    if (ws === null) throw new Error('a parse job names its workspace');
    const row = await content.findMessage(job.db, ws, evidenceId);
    const item = await content.itemForWork(job.db, ws, evidenceId);
    if (row?.status !== 'pending' || !item) return;
    const { store, message: limits } = contentSettings();
    let outcome: ParseOutcome;
    let attachments: Awaited<ReturnType<typeof storeAttachments>> = [];
    try {
      const size = Number(item.sizeBytes);
      outcome = await parseStoredMessage(
        store,
        { sha256: item.sha256, sizeBytes: size },
        limits,
        job.signal,
      );
      if (outcome.ok) attachments = await storeAttachments(store, outcome, limits.maxBytes);
    } catch (error) {
      // Reading or storing failed (missing or altered bytes, a full store): tried again, and
      // recorded as a failed parse on the last attempt so the message does not stay pending.
      if (job.attempt < ATTEMPTS || job.signal.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      outcome = { ok: false, reason: `The message could not be read: ${message.slice(0, 500)}` };
    }
    const fields = messageFields(outcome, job.clock.now().toISOString());
    await inTransaction(contentJobUnit(job, ws), async (tx, emit) => {
      if (!(await content.finishMessage(tx, ws, evidenceId, fields, attachments))) return;
      await emit('evidence.parse_finished', {
        targetId: evidenceId,
        caseId: item.caseId,
        after: { status: outcome.ok ? 'parsed' : 'failed', attachments: attachments.length },
      });
    });
    job.log.info({ evidenceId, status: fields.status }, 'e-mail evidence parsed');
  },
});

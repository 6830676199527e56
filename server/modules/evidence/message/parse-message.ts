import { z } from 'zod';
import type { BlobStore } from '../../../storage/blob-store.ts';
import { verifying } from '../service/evidence-io.ts';
import { refusals, type MessageLimits } from './limits.ts';
import { runWorker } from './run-worker.ts';

const Mailbox = z.object({ name: z.string(), address: z.string() });

/** What the parser thread answers; it is checked like any input from outside. */
const Answer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(false), reason: z.string() }),
  z.object({
    ok: z.literal(true),
    headers: z.array(z.object({ name: z.string(), value: z.string() })),
    rawHeaders: z.string(),
    rawHeadersBytes: z.number().int(),
    from: z.array(Mailbox),
    to: z.array(Mailbox),
    cc: z.array(Mailbox),
    replyTo: z.array(Mailbox),
    subject: z.string().nullable(),
    date: z.string().nullable(),
    sentAt: z.string().nullable(),
    messageId: z.string().nullable(),
    text: z.string().nullable(),
    html: z.string().nullable(),
    attachments: z.array(
      z.object({
        filename: z.string().nullable(),
        contentType: z.string(),
        disposition: z.string().nullable(),
        contentId: z.string().nullable(),
        content: z.instanceof(Uint8Array),
      }),
    ),
  }),
]);
export type ParsedMessage = Extract<z.infer<typeof Answer>, { ok: true }>;
export type ParseOutcome = ParsedMessage | { ok: false; reason: string };

const worker = new URL('./parse-worker.ts', import.meta.url);

/**
 * Reads a stored message into memory (it is at most `limits.maxBytes`), checking its SHA-256
 * on the way, into a buffer of its own that is then moved to the parser's thread.
 */
async function readMessage(
  store: BlobStore,
  item: { sha256: string; sizeBytes: number },
): Promise<ArrayBuffer> {
  const source = await store.open(item.sha256);
  if (!source) throw new Error('the bytes of this evidence are missing from the store');
  const bytes = new Uint8Array(item.sizeBytes);
  let at = 0;
  const stream = verifying(source, { sha256: item.sha256, size: item.sizeBytes }, () => undefined);
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    if (at + b.length > bytes.length) throw new Error('the stored bytes are longer than recorded');
    bytes.set(b, at);
    at += b.length;
  }
  return bytes.buffer;
}

/**
 * Parses a stored e-mail in a thread of its own under `limits`: answers the parsed message, or
 * why it is not parsed (too large, too deep, too many parts, headers too large, too slow, too
 * much memory, malformed). Throws only when the bytes cannot be read (missing or altered).
 */
export async function parseStoredMessage(
  store: BlobStore,
  item: { sha256: string; sizeBytes: number },
  limits: MessageLimits,
  signal?: AbortSignal,
): Promise<ParseOutcome> {
  if (item.sizeBytes > limits.maxBytes) return { ok: false, reason: refusals.tooLarge(limits) };
  const bytes = await readMessage(store, item);
  const outcome = await runWorker(worker, {
    data: { bytes, limits },
    transfer: [bytes],
    timeoutMs: limits.timeoutMs,
    maxMemoryMb: limits.maxMemoryMb,
    ...(signal && { signal }),
  });
  if (!outcome.ok) {
    if (outcome.why === 'timeout') return { ok: false, reason: refusals.timedOut(limits) };
    if (outcome.why === 'memory') return { ok: false, reason: refusals.outOfMemory(limits) };
    if (outcome.why === 'aborted') throw new Error('parsing was stopped: the job was aborted');
    return { ok: false, reason: `The parser failed: ${outcome.message.slice(0, 500)}` };
  }
  const answer = Answer.safeParse(outcome.value);
  if (!answer.success) return { ok: false, reason: 'The parser answered something unexpected' };
  return answer.data;
}

// The e-mail parser's thread: started by run-worker.ts for one message, answers once, and is
// terminated when it takes too long. Nothing here touches the database or the store.
import { parentPort, workerData } from 'node:worker_threads';
import PostalMime, { addressParser, decodeWords } from 'postal-mime';
import type { Address } from 'postal-mime';
import { refusals, type MessageLimits } from './limits.ts';
import { scanMessage } from './scan.ts';

interface Input {
  bytes: ArrayBuffer;
  limits: MessageLimits;
}

const mailboxes = (list: readonly Address[]) =>
  list.flatMap((a) => (a.group ? a.group : [a])).map((m) => ({ name: m.name, address: m.address }));

/** Every mailbox of every header of that name, groups flattened. */
function addresses(headers: readonly { key: string; value: string }[], key: string) {
  return headers.filter((h) => h.key === key).flatMap((h) => mailboxes(addressParser(h.value)));
}

const safeDecode = (value: string) => {
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
};

/** postal-mime's limit errors, in the analyst's words. */
function reasonOf(error: unknown, limits: MessageLimits): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/nesting depth/i.test(message)) return refusals.tooDeep(limits);
  if (/header size/i.test(message)) return refusals.headerTooLarge(limits);
  return `The message could not be parsed: ${message.slice(0, 500)}`;
}

async function run({ bytes, limits }: Input) {
  const view = new Uint8Array(bytes);
  const scan = scanMessage(view, limits);
  if ('refused' in scan) return { answer: { ok: false, reason: scan.refused }, transfer: [] };
  let email;
  try {
    email = await PostalMime.parse(view, {
      maxNestingDepth: limits.maxDepth,
      maxHeadersSize: limits.maxHeaderBytes,
      // A forwarded message stays an attachment: it becomes evidence of its own when added.
      forceRfc822Attachments: true,
      maxRfc822NestingDepth: 0,
      attachmentEncoding: 'arraybuffer',
    });
  } catch (error) {
    return { answer: { ok: false, reason: reasonOf(error, limits) }, transfer: [] };
  }
  if (email.attachments.length + 1 > limits.maxParts)
    return { answer: { ok: false, reason: refusals.tooManyParts(limits) }, transfer: [] };
  const header = (key: string) => email.headers.find((h) => h.key === key)?.value;
  const attachments = email.attachments.map((a) => ({
    filename: a.filename,
    contentType: a.mimeType,
    disposition: a.disposition,
    contentId: a.contentId ?? null,
    content:
      typeof a.content === 'string'
        ? new TextEncoder().encode(a.content)
        : new Uint8Array(a.content),
  }));
  const date = header('date');
  const answer = {
    ok: true,
    headers: email.headers.map((h) => ({ name: h.originalKey, value: safeDecode(h.value) })),
    rawHeaders: new TextDecoder('utf-8').decode(view.subarray(0, scan.headerEnd)),
    rawHeadersBytes: scan.headerEnd,
    from: addresses(email.headers, 'from'),
    to: addresses(email.headers, 'to'),
    cc: addresses(email.headers, 'cc'),
    replyTo: addresses(email.headers, 'reply-to'),
    subject: email.subject ?? null,
    date: date === undefined ? null : safeDecode(date),
    sentAt: email.date && /^\d{4}-\d\d-\d\dT/.test(email.date) ? email.date : null,
    messageId: email.messageId ?? null,
    text: email.text ?? null,
    html: email.html ?? null,
    attachments,
  };
  const transfer = [...new Set(attachments.map((a) => a.content.buffer))];
  return { answer, transfer };
}

const { answer, transfer } = await run(workerData as Input);
parentPort?.postMessage(answer, transfer);

import { fileTypeFromBuffer } from 'file-type';

/** Bytes read from the start of a blob to tell its type. */
export const HEAD_BYTES = 8192;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Header names an Internet message starts with (RFC 5322), one of which it must hold. */
const MAIL_HEADERS =
  /^(?:from|to|subject|date|message-id|received|return-path|mime-version|delivered-to|x-[\w-]+|dkim-signature|arc-[\w-]+|authentication-results):/im;

/** Whether the text starts like an Internet message: header lines, then From, To or Subject. */
function looksLikeMail(text: string): boolean {
  const [head = ''] = text.split(/\r?\n\r?\n/, 1);
  const lines = head.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines.length < 2) return false;
  const headerLine = /^[!-9;-~]+:|^[ \t]/;
  return (
    lines.every((l) => headerLine.test(l)) &&
    MAIL_HEADERS.test(head) &&
    /^(?:from|to|subject):/im.test(head)
  );
}

/**
 * The media type of bytes, from their start (`HEAD_BYTES`): binary formats by their magic
 * numbers (file-type), then an Internet message (.eml) or UTF-8 text; else
 * application/octet-stream. Never from the name or the type the client claimed.
 */
export async function detectType(head: Uint8Array): Promise<string> {
  const found = await fileTypeFromBuffer(head);
  if (found) return found.mime;
  let text: string;
  try {
    // The head may end inside a character: decode what is whole.
    text = utf8.decode(head.length >= HEAD_BYTES ? head.subarray(0, head.length - 4) : head);
  } catch {
    return 'application/octet-stream';
  }
  if (looksLikeMail(text)) return 'message/rfc822';
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return 'application/octet-stream';
  return 'text/plain';
}

const SHOWN = new Set([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'video/mp4',
  'video/webm',
]);

/** Whether the browser may show bytes of this detected type inline (images and video only). */
export const isShownInline = (detectedType: string): boolean => SHOWN.has(detectedType);

/** The kind an item gets when the uploader names none. */
export const kindOf = (detectedType: string): 'file' | 'capture' | 'email' =>
  detectedType === 'message/rfc822' ? 'email' : SHOWN.has(detectedType) ? 'capture' : 'file';

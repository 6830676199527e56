import { refusals, type MessageLimits } from './limits.ts';

export type Scan = { headerEnd: number; bodyStart: number } | { refused: string };

/** Where the first empty line is: the header block ends there and the body starts after it. */
function headerBlock(bytes: Uint8Array, within: number): { end: number; body: number } | null {
  if (bytes[0] === 0x0a) return { end: 0, body: 1 };
  if (bytes[0] === 0x0d && bytes[1] === 0x0a) return { end: 0, body: 2 };
  const limit = Math.min(bytes.length, within + 4);
  for (let i = 0; i < limit; i += 1) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return { end: i, body: i + 2 };
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return { end: i, body: i + 3 };
  }
  return null;
}

const BOUNDARY = /boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi;
const DASH_LINE = /^--([^\r\n]*)/gm;

/**
 * The MIME parts a message holds at most: one, plus a line that starts a part of any boundary
 * the message declares anywhere. An upper bound, read before anything is parsed.
 */
export function countParts(text: string, stopAbove: number): number {
  const boundaries = new Set<string>();
  for (const m of text.matchAll(BOUNDARY)) {
    boundaries.add(m[1] ?? m[2] ?? '');
    if (boundaries.size > stopAbove) return boundaries.size + 1;
  }
  if (boundaries.size === 0) return 1;
  let parts = 1;
  for (const m of text.matchAll(DASH_LINE)) {
    const line = (m[1] ?? '').replace(/[ \t]+$/, '');
    // A closing delimiter (`--boundary--`) starts no part.
    if (boundaries.has(line) && !(line.endsWith('--') && boundaries.has(line.slice(0, -2)))) {
      parts += 1;
      if (parts > stopAbove) return parts;
    }
  }
  return parts;
}

/**
 * Looks at a message before it is parsed: refuses one too large, one whose header block does
 * not end within the header limit, or one with too many parts. Pure.
 */
export function scanMessage(bytes: Uint8Array, limits: MessageLimits): Scan {
  if (bytes.length > limits.maxBytes) return { refused: refusals.tooLarge(limits) };
  const block = headerBlock(bytes, limits.maxHeaderBytes);
  if (!block && bytes.length > limits.maxHeaderBytes)
    return { refused: refusals.headerTooLarge(limits) };
  if (block && block.end > limits.maxHeaderBytes)
    return { refused: refusals.headerTooLarge(limits) };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  if (countParts(text, limits.maxParts) > limits.maxParts)
    return { refused: refusals.tooManyParts(limits) };
  return block
    ? { headerEnd: block.end, bodyStart: block.body }
    : { headerEnd: bytes.length, bodyStart: bytes.length };
}

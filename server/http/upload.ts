import { Busboy, type BusboyInstance } from '@fastify/busboy';
import type { FastifyRequest } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import { AppError } from '../lib/errors.ts';

/** One uploaded file as the request carries it, before a byte of it is read. */
export interface Upload {
  stream: Readable;
  /** The file name the client gave (multipart filename or Content-Disposition), if any. */
  filename: string | undefined;
  /** The media type the client claimed for the bytes, if any. */
  claimedType: string | undefined;
  /** Multipart form fields sent before the file; empty for a raw body. */
  fields: Record<string, string>;
  /** The SHA-256 the client announced (`Repr-Digest: sha-256=:…:` or `X-Expected-SHA256`). */
  expectedSha256: string | undefined;
}

/** Room a multipart body may take beyond its file (boundaries, part headers, fields). */
const MULTIPART_OVERHEAD = 256 * 1024;

const refuse = (message: string) => new AppError('invalid_input', message);

/** The filename of a `Content-Disposition` value: `filename*=UTF-8''…` first, then `filename=`. */
export function dispositionFilename(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(value);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      throw refuse('The Content-Disposition filename* is not valid percent-encoded UTF-8');
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(value);
  return plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
}

/** The announced SHA-256 as hex, or undefined; throws invalid_input for a malformed one. */
function expectedDigest(req: FastifyRequest): string | undefined {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const repr = header('repr-digest');
  if (repr) {
    const m = /(?:^|,)\s*sha-256\s*=\s*:([A-Za-z0-9+/=]+):/.exec(repr);
    if (!m?.[1]) throw refuse('Repr-Digest must hold sha-256=:<base64>:');
    const hex = Buffer.from(m[1], 'base64').toString('hex');
    if (hex.length !== 64) throw refuse('The Repr-Digest sha-256 is not 32 bytes');
    return hex;
  }
  const plain = header('x-expected-sha256');
  if (plain === undefined) return undefined;
  if (!/^[0-9a-fA-F]{64}$/.test(plain.trim()))
    throw refuse('X-Expected-SHA256 must be 64 hex digits');
  return plain.trim().toLowerCase();
}

/**
 * The file of an upload request: a raw body (any content type but multipart), or the one file
 * part of a `multipart/form-data` body, its fields before it. Reads nothing of the file: the
 * caller streams it. Throws too_large when the declared length is over `maxBytes` (before a
 * byte is read) and invalid_input for a malformed request.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<Upload> {
  const type = req.headers['content-type'] ?? '';
  const declared = Number(req.headers['content-length'] ?? NaN);
  const multipart = /^multipart\/form-data/i.test(type);
  const expectedSha256 = expectedDigest(req);
  if (declared > maxBytes + (multipart ? MULTIPART_OVERHEAD : 0))
    throw new AppError('too_large', `The file is larger than ${maxBytes} bytes`);
  if (declared === 0) throw refuse('The body is empty: send the file');
  if (!multipart)
    return {
      stream: rawBody(req),
      filename: dispositionFilename(header(req, 'content-disposition')),
      claimedType: type || undefined,
      fields: {},
      expectedSha256,
    };
  return readMultipart(req, maxBytes, expectedSha256);
}

/**
 * The raw body through a stream of its own. A reader that stops early (the store, at the
 * limit) destroys this stream and not the request, whose socket must stay open for the 413;
 * the rest of the body is then read and dropped, so that the sender, still sending, is not
 * reset before it reads the answer, and the connection is not left stalled on unread bytes.
 */
function rawBody(req: FastifyRequest): Readable {
  const body = new PassThrough({ highWaterMark: 1024 * 1024 });
  const raw = req.raw;
  raw.on('error', (error) => body.destroy(error));
  raw.on('close', () => {
    if (!raw.complete)
      body.destroy(Object.assign(new Error('the upload was cut off'), { code: 'ECONNRESET' }));
  });
  body.on('close', () => {
    if (!raw.complete) raw.unpipe(body).resume();
  });
  raw.pipe(body);
  return body;
}

const header = (req: FastifyRequest, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function readMultipart(
  req: FastifyRequest,
  maxBytes: number,
  expectedSha256: string | undefined,
): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: BusboyInstance;
    try {
      parser = new Busboy({
        // The name is kept as given (metadata only, never a path).
        preservePath: true,
        headers: req.headers as { 'content-type': string },
        limits: {
          files: 1,
          fields: 20,
          fieldSize: 10_000,
          parts: 22,
          headerPairs: 20,
          // One byte over the limit reaches the store, which refuses it.
          fileSize: maxBytes + 1,
        },
      });
    } catch {
      reject(refuse('The multipart body has no boundary'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: PassThrough | undefined;
    parser.on(
      'field',
      (name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
        if (file) return; // after the file: too late to matter, and never read
        if (valueTruncated) reject(refuse(`The field ${name.slice(0, 100)} is too long`));
        fields[name] = value;
      },
    );
    parser.on('file', (_field, stream, filename, _encoding, mime) => {
      // The part's bytes go through a pass-through the caller reads at its own pace.
      file = new PassThrough({ highWaterMark: 1024 * 1024 });
      stream.on('limit', () => file?.destroy(new AppError('too_large', 'The file is too large')));
      stream.on('error', (error) => file?.destroy(error));
      stream.pipe(file);
      resolve({
        stream: file,
        filename: filename || undefined,
        claimedType: mime,
        fields,
        expectedSha256,
      });
    });
    parser.on('error', (error: Error) => {
      if (file) file.destroy(refuse(`The multipart body is malformed: ${error.message}`));
      else reject(refuse(`The multipart body is malformed: ${error.message}`));
    });
    parser.on('finish', () => {
      if (!file) reject(refuse('The multipart body holds no file'));
    });
    req.raw.on('aborted', () => file?.destroy(refuse('The upload was cut off')));
    req.raw.pipe(parser);
  });
}

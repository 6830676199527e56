import { createHash, randomUUID, type Hash } from 'node:crypto';
import { mkdir, open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  BlobTooLarge,
  DigestMismatch,
  EmptyBlob,
  StoreFull,
  type PutOptions,
} from './blob-store.ts';

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/** Whether a filesystem error says the disk or the quota is full. */
export const isDiskFull = (error: unknown) =>
  FULL_CODES.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');

/** A temporary file's name says which process wrote it: `<host>.<pid>.<uuid>`. */
const host = hostname().replace(/[^\w-]/g, '_');

/** A name for a temporary file or object of this process (or of `pid`, on this machine). */
export const tempName = (tag = '', pid = process.pid) => `${host}.${pid}.${tag}${randomUUID()}`;

/** Bytes written to a temporary file, hashed on the way, and checked against the put's terms. */
export interface Spooled {
  path: string;
  sha256: string;
  size: number;
  /** Base64 SHA-256 of each `partBytes` slice, in order, when parts were asked for. */
  partSha256: string[];
  /** The first `headBytes` bytes written (all of them when fewer). */
  head: Buffer;
}

/** What a spool takes beyond a put's terms. */
export interface SpoolOptions extends PutOptions {
  /** Hash each slice of this many bytes apart too (the parts of a multipart upload). */
  partBytes?: number;
  /** The temporary file's permissions, set as it is created (0o600 unless given). */
  mode?: number;
}

/**
 * Folders known to exist, so that a put does not ask for them again. One removed behind the
 * process's back is noticed by the ENOENT of the call that needs it, and made again.
 */
const madeFolders = new Set<string>();

/** Makes `dir` (and its parents) unless this process already made or found it. */
export async function ensureFolder(dir: string): Promise<void> {
  if (madeFolders.has(dir)) return;
  await mkdir(dir, { recursive: true });
  madeFolders.add(dir);
}

const isMissing = (error: unknown) =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/**
 * Runs `work`, which needs `dir` to exist; when it fails because the folder is gone (removed
 * since it was made), makes the folder again and runs `work` once more.
 */
export async function inFolder<T>(dir: string, work: () => Promise<T>): Promise<T> {
  await ensureFolder(dir);
  try {
    return await work();
  } catch (error) {
    if (!isMissing(error)) throw error;
    madeFolders.delete(dir);
    await ensureFolder(dir);
    return work();
  }
}

/** A SHA-256 over consecutive fixed-size slices of a stream. */
function partHasher(partBytes: number | undefined) {
  const digests: string[] = [];
  let hash: Hash = createHash('sha256');
  let filled = 0;
  return {
    digests,
    update(bytes: Buffer) {
      if (partBytes === undefined) return;
      for (let at = 0; at < bytes.length;) {
        const take = Math.min(partBytes - filled, bytes.length - at);
        hash.update(bytes.subarray(at, at + take));
        filled += take;
        at += take;
        if (filled === partBytes) {
          digests.push(hash.digest('base64'));
          hash = createHash('sha256');
          filled = 0;
        }
      }
    },
    end() {
      if (partBytes !== undefined && filled > 0) digests.push(hash.digest('base64'));
    },
  };
}

async function writeAll(file: FileHandle, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length;) {
    const { bytesWritten } = await file.write(bytes, at, bytes.length - at);
    at += bytesWritten;
  }
}

async function writeTemp(source: Readable, file: FileHandle, options: SpoolOptions) {
  const hash = createHash('sha256');
  const parts = partHasher(options.partBytes);
  const headBytes = options.headBytes ?? 0;
  const head: Buffer[] = [];
  let headSize = 0;
  let size = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > options.maxBytes) {
      source.destroy();
      throw new BlobTooLarge(options.maxBytes);
    }
    hash.update(bytes);
    parts.update(bytes);
    if (headSize < headBytes) {
      // A copy: the source may reuse its buffers once the chunk is consumed.
      const take = Buffer.from(bytes.subarray(0, headBytes - headSize));
      head.push(take);
      headSize += take.length;
    }
    await writeAll(file, bytes);
  }
  await file.sync();
  parts.end();
  return {
    sha256: hash.digest('hex'),
    size,
    partSha256: parts.digests,
    head: Buffer.concat(head, headSize),
  };
}

/**
 * Streams `source` into a new temporary file of `dir` (write, fsync), hashing while writing,
 * and checks what arrived against `options`. Throws BlobTooLarge, EmptyBlob, DigestMismatch or
 * StoreFull, or passes a failing source's error on; the temporary file is gone in every such
 * case. On success the caller owns the file and must remove or rename it.
 */
export async function spool(
  source: Readable,
  dir: string,
  options: SpoolOptions,
): Promise<Spooled> {
  const path = join(dir, tempName());
  try {
    // A file created read-only (the filesystem store's blobs) can still be written through
    // the handle that created it: the mode binds later opens.
    const file = await inFolder(dir, () => open(path, 'wx', options.mode ?? 0o600));
    let written: Omit<Spooled, 'path'>;
    try {
      written = await writeTemp(source, file, options);
    } finally {
      await file.close();
    }
    if (written.size === 0) throw new EmptyBlob();
    const expected = options.expectedSha256?.toLowerCase();
    if (expected !== undefined && expected !== written.sha256)
      throw new DigestMismatch(expected, written.sha256);
    return { path, ...written };
  } catch (error) {
    await discard(path);
    throw isDiskFull(error) ? new StoreFull(error) : error;
  }
}

/** Removes a temporary file; one already gone is fine. */
export const discard = (path: string) => rm(path, { force: true }).catch(() => undefined);

/** Whether a process of this machine is running (signal 0 only asks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a temporary name was written by a process of this machine that is gone. */
export function isOrphan(name: string): boolean {
  const [writer, pid] = name.split('.');
  const n = Number(pid);
  return writer === host && Number.isSafeInteger(n) && n > 0 && n !== process.pid && !isRunning(n);
}

/**
 * Removes the temporary files of `dir` that crashed processes of this machine left, and any
 * older than `staleMs` (another machine's, or one whose process id was taken again).
 */
export async function sweepSpool(dir: string, staleMs: number): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (isOrphan(name) || Date.now() - info.mtimeMs > staleMs) {
      await rm(join(dir, name), { force: true });
      removed += 1;
    }
  }
  return removed;
}

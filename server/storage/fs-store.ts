import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  BlobTooLarge,
  DigestMismatch,
  EmptyBlob,
  SHA256_HEX,
  StoreFull,
  type BlobStore,
  type PutOptions,
  type StoredBlob,
} from './blob-store.ts';

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const isFull = (error: unknown) =>
  FULL_CODES.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');

/** A temporary file's name says which process wrote it: `<host>.<pid>.<uuid>`. */
const host = hostname().replace(/[^\w-]/g, '_');

/** Whether a process of this machine is running (signal 0 only asks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function fsyncDir(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/**
 * The filesystem store: `<root>/sha256/ab/cd/<hash>`, read-only files written through
 * `<root>/tmp/` (write, fsync, rename, fsync the folder). The root is the data folder's
 * `evidence/` unless configured; names given by clients never reach a path.
 */
export function filesystemStore(root: string, opts: { staleTempHours?: number } = {}): BlobStore {
  const tmp = join(root, 'tmp');
  const pathOf = (sha256: string) => {
    if (!SHA256_HEX.test(sha256)) throw new Error('not a SHA-256');
    return join(root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  async function writeTemp(source: Readable, file: FileHandle, options: PutOptions) {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += bytes.length;
      if (size > options.maxBytes) {
        source.destroy();
        throw new BlobTooLarge(options.maxBytes);
      }
      hash.update(bytes);
      await file.write(bytes);
    }
    await file.sync();
    return { sha256: hash.digest('hex'), size };
  }

  return {
    kind: 'filesystem',
    location: root,

    async put(source, options): Promise<StoredBlob> {
      await mkdir(tmp, { recursive: true });
      const temp = join(tmp, `${host}.${process.pid}.${randomUUID()}`);
      let kept = false;
      try {
        const file = await open(temp, 'wx', 0o600);
        let written: { sha256: string; size: number };
        try {
          written = await writeTemp(source, file, options);
        } finally {
          await file.close();
        }
        if (written.size === 0) throw new EmptyBlob();
        const expected = options.expectedSha256?.toLowerCase();
        if (expected !== undefined && expected !== written.sha256)
          throw new DigestMismatch(expected, written.sha256);
        const target = pathOf(written.sha256);
        if (await stat(target).catch(() => undefined)) return { ...written, created: false };
        const dir = join(target, '..');
        await mkdir(dir, { recursive: true });
        await chmod(temp, 0o400);
        // rename replaces atomically: two puts of the same bytes leave one complete file.
        await rename(temp, target);
        kept = true;
        await fsyncDir(dir);
        return { ...written, created: true };
      } catch (error) {
        throw isFull(error) ? new StoreFull(error) : error;
      } finally {
        if (!kept) await rm(temp, { force: true }).catch(() => undefined);
      }
    },

    async open(sha256) {
      const path = pathOf(sha256);
      if (!(await stat(path).catch(() => undefined))) return undefined;
      return createReadStream(path, { highWaterMark: 1024 * 1024 });
    },

    async size(sha256) {
      return (await stat(pathOf(sha256)).catch(() => undefined))?.size;
    },

    async *list() {
      const base = join(root, 'sha256');
      const level = async (path: string) =>
        (await readdir(path).catch(() => [] as string[])).sort();
      for (const a of await level(base))
        for (const b of await level(join(base, a)))
          for (const name of await level(join(base, a, b))) if (SHA256_HEX.test(name)) yield name;
    },

    async checkWritable() {
      await mkdir(tmp, { recursive: true });
      const probe = join(tmp, `${host}.${process.pid}.probe-${randomUUID()}`);
      try {
        const file = await open(probe, 'wx', 0o600);
        await file.write('probe');
        await file.sync();
        await file.close();
      } finally {
        await rm(probe, { force: true });
      }
    },

    async sweep() {
      const staleMs = (opts.staleTempHours ?? 24) * 3_600_000;
      let removed = 0;
      for (const name of await readdir(tmp).catch(() => [] as string[])) {
        const [writer, pid] = name.split('.');
        const mine = writer === host && Number(pid) !== process.pid && !isRunning(Number(pid));
        const info = await stat(join(tmp, name)).catch(() => undefined);
        if (!info) continue;
        if (mine || Date.now() - info.mtimeMs > staleMs) {
          await rm(join(tmp, name), { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}

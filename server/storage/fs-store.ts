import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SHA256_HEX, StoreFull, type BlobStore, type StoredBlob } from './blob-store.ts';
import { discard, inFolder, isDiskFull, spool, sweepSpool, tempName } from './spool.ts';

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
 * `evidence/` unless configured; names given by clients never reach a path. Folders are made
 * once per process, not per put.
 */
export function filesystemStore(root: string, opts: { staleTempHours?: number } = {}): BlobStore {
  const tmp = join(root, 'tmp');
  const pathOf = (sha256: string) => {
    if (!SHA256_HEX.test(sha256)) throw new Error('not a SHA-256');
    return join(root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  return {
    kind: 'filesystem',
    location: root,

    async put(source, options): Promise<StoredBlob> {
      // Created read-only: the blob is never written again once renamed into place.
      const {
        path: temp,
        sha256,
        size,
        head,
      } = await spool(source, tmp, {
        ...options,
        mode: 0o400,
      });
      let kept = false;
      try {
        const target = pathOf(sha256);
        if (await stat(target).catch(() => undefined))
          return { sha256, size, created: false, head };
        const dir = join(target, '..');
        // rename replaces atomically: two puts of the same bytes leave one complete file.
        await inFolder(dir, () => rename(temp, target));
        kept = true;
        await fsyncDir(dir);
        return { sha256, size, created: true, head };
      } catch (error) {
        throw isDiskFull(error) ? new StoreFull(error) : error;
      } finally {
        if (!kept) await discard(temp);
      }
    },

    async open(sha256) {
      const path = pathOf(sha256);
      // Opened at once (no stat first): a missing file is the open's ENOENT.
      const file = await open(path, 'r').catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      });
      return file && createReadStream(path, { fd: file, highWaterMark: 1024 * 1024 });
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
      const probe = join(tmp, tempName('probe-'));
      try {
        const file = await open(probe, 'wx', 0o600);
        try {
          await file.write('probe');
          await file.sync();
        } finally {
          await file.close();
        }
      } finally {
        await rm(probe, { force: true });
      }
    },

    async sweep() {
      return sweepSpool(tmp, (opts.staleTempHours ?? 24) * 3_600_000);
    },
  };
}

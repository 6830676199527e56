import { execFileSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const MiB = 1024 * 1024;

/** `bytes` random bytes written to `path` in 1 MiB chunks; answers their SHA-256. */
export function writeBigFile(path: string, bytes: number): string {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(MiB);
  const fd = openSync(path, 'w');
  try {
    for (let left = bytes; left > 0; left -= chunk.length) {
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
      randomFillSync(part);
      hash.update(part);
      writeSync(fd, part);
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

const PNG_HEAD = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
/** Random bytes the captures are cut from: incompressible, as screen captures nearly are. */
const pool = randomFillSync(Buffer.alloc(2 * MiB));

/** A deterministic size in [min, max] bytes for capture `i`. */
const sizeOf = (i: number, minBytes: number, maxBytes: number) =>
  minBytes + ((Math.imul(i + 1, 2654435761) >>> 0) % (maxBytes - minBytes + 1));

/**
 * Capture `i`: a PNG signature and IHDR chunk header (so the server detects image/png), its
 * number (so no two are the same bytes), then bytes of the pool; 20-200 KB by default.
 */
export function capture(i: number, minBytes = 20_000, maxBytes = 200_000): Buffer {
  const size = sizeOf(i, minBytes, maxBytes);
  const out = Buffer.allocUnsafe(size);
  PNG_HEAD.copy(out, 0);
  out.writeUInt32BE(i, 16);
  const from = (i * 7919) % (pool.length - size);
  pool.copy(out, 20, from, from + size - 20);
  return out;
}

/** Writes captures 0..count-1 into `dir` (for the tools' baseline); answers their total size. */
export function writeCaptures(dir: string, count: number): number {
  mkdirSync(dir, { recursive: true });
  let total = 0;
  for (let i = 0; i < count; i += 1) {
    const bytes = capture(i);
    writeFileSync(join(dir, `capture-${i}.png`), bytes);
    total += bytes.length;
  }
  return total;
}

/** Writes every dirty page out, so that one measurement does not pay for the last one's writes. */
export const settleDisk = (): void => void execFileSync('sync');

/** Seconds a shell command takes (run with `sh -c`), from a settled disk. */
export function timeShell(command: string): number {
  settleDisk();
  const t0 = performance.now();
  execFileSync('sh', ['-c', command], { stdio: ['ignore', 'ignore', 'inherit'] });
  return (performance.now() - t0) / 1000;
}

/** What `sha256sum` prints for one file. */
export const sha256sumOf = (path: string): string =>
  execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0] ?? '';

/**
 * Seconds to write captures 0..count-1 into `dir` durably, one at a time, as the store does:
 * write, fsync the file, fsync the folder. No tool does this; it is what durability costs.
 */
export function timeDurableWrites(dir: string, count: number): number {
  mkdirSync(dir, { recursive: true });
  settleDisk();
  const t0 = performance.now();
  for (let i = 0; i < count; i += 1) {
    const fd = openSync(join(dir, `capture-${i}.png`), 'w');
    writeSync(fd, capture(i));
    fsyncSync(fd);
    closeSync(fd);
    const folder = openSync(dir, 'r');
    fsyncSync(folder);
    closeSync(folder);
  }
  return (performance.now() - t0) / 1000;
}

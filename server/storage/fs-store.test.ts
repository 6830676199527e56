import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeBlobStore, sha256Of, spoolLeft, streamOf } from '../testing/blob-store-suite.ts';
import { StoreFull } from './blob-store.ts';
import { filesystemStore } from './fs-store.ts';
import { tempName } from './spool.ts';

const MIB = 1024 * 1024;
const base = mkdtempSync(join(tmpdir(), 'casefile-fs-store-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Every file of the store apart from its tmp/ folder. */
async function filesOf(root: string): Promise<string[]> {
  const entries = await readdir(join(root, 'sha256'), { recursive: true }).catch(() => []);
  return entries.filter((e) => statSync(join(root, 'sha256', e)).isFile());
}

const freshRoot = () => mkdtempSync(join(base, 'store-'));

describeBlobStore('the filesystem store', async () => {
  const root = freshRoot();
  return { store: filesystemStore(root), spoolDir: join(root, 'tmp'), stored: () => filesOf(root) };
});

describe('the filesystem store on disk', () => {
  it('keeps a blob read-only at sha256/ab/cd/<hash>', async () => {
    const root = freshRoot();
    const bytes = randomBytes(4096);
    const { sha256 } = await filesystemStore(root).put(streamOf(bytes), { maxBytes: MIB });
    const path = join(root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    expect(relative(root, path)).toBe(
      `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`,
    );
    expect(statSync(path).mode & 0o777).toBe(0o400);
    // What sha256sum prints for the stored file.
    expect(execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]).toBe(
      sha256Of(bytes),
    );
  });

  it('makes its folders again when they were removed after it made them', async () => {
    const root = freshRoot();
    const store = filesystemStore(root);
    const bytes = randomBytes(2000);
    const first = await store.put(streamOf(bytes), { maxBytes: MIB });
    // The folders this process made are gone: the tmp folder, and the blob's fan-out folder.
    rmSync(join(root, 'tmp'), { recursive: true });
    rmSync(join(root, 'sha256', first.sha256.slice(0, 2)), { recursive: true });
    const again = await store.put(streamOf(bytes), { maxBytes: MIB });
    expect(again).toMatchObject({ sha256: first.sha256, created: true });
    expect(await filesOf(root)).toHaveLength(1);
    expect(await spoolLeft(join(root, 'tmp'))).toEqual([]);
  });

  it("sweeps the temporary files of this machine's dead processes and keeps a live one's", async () => {
    const root = freshRoot();
    const tmp = join(root, 'tmp');
    mkdirSync(tmp, { recursive: true });
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    const live = spawn('sleep', ['30']);
    try {
      const deadFile = tempName('', dead.pid);
      const liveFile = tempName('', live.pid);
      writeFileSync(join(tmp, deadFile), 'partial');
      writeFileSync(join(tmp, liveFile), 'partial');
      expect(await filesystemStore(root).sweep()).toBe(1);
      expect(await spoolLeft(tmp)).toEqual([liveFile]);
    } finally {
      live.kill();
    }
  });

  it('sweeps temporary files older than the limit, whoever wrote them', async () => {
    const root = freshRoot();
    const tmp = join(root, 'tmp');
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, 'otherhost.12.abc'), 'partial');
    expect(await filesystemStore(root).sweep()).toBe(0);
    expect(await filesystemStore(root, { staleTempHours: 0 }).sweep()).toBe(1);
    expect(await spoolLeft(tmp)).toEqual([]);
  });

  it('fails its write check where it cannot write', async () => {
    const file = join(freshRoot(), 'a-file');
    writeFileSync(file, 'not a folder');
    await expect(filesystemStore(join(file, 'evidence')).checkWritable()).rejects.toThrow();
  });
});

// Mounting a small tmpfs needs root; elsewhere this one test is skipped.
const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('the filesystem store on a full disk', () => {
  const root = freshRoot();
  let mounted = false;
  afterAll(() => {
    if (mounted) execFileSync('umount', [root]);
  });

  it('answers StoreFull and leaves no file in tmp/ or sha256/', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', root]);
    mounted = true;
    const store = filesystemStore(root);
    const refused = await store
      .put(streamOf(randomBytes(2 * MIB)), { maxBytes: 4 * MIB })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreFull);
    expect(await spoolLeft(join(root, 'tmp'))).toEqual([]);
    expect(await filesOf(root)).toEqual([]);
    // The space is back: a blob that fits goes in.
    expect((await store.put(streamOf(randomBytes(1000)), { maxBytes: MIB })).created).toBe(true);
  });
});

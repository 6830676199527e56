import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeBlobStore,
  readAll,
  sha256Of,
  spoolLeft,
  streamOf,
} from '../testing/blob-store-suite.ts';
import {
  S3_ACCESS_KEY,
  S3_SECRET_KEY,
  startFullObjectStore,
  startS3Emulator,
  type S3Emulator,
} from '../testing/s3-emulator.ts';
import { StoreFull } from './blob-store.ts';
import { s3Store, type S3StoreOptions } from './s3-store.ts';
import { tempName } from './spool.ts';

const MIB = 1024 * 1024;
const base = mkdtempSync(join(tmpdir(), 'casefile-s3-store-'));
let s3: S3Emulator;
beforeAll(async () => {
  s3 = await startS3Emulator();
});
afterAll(async () => {
  await s3?.stop();
  rmSync(base, { recursive: true, force: true });
});

/** A store on the emulator under a prefix of its own, with a spool folder of its own. */
function freshStore(overrides: Partial<S3StoreOptions> = {}) {
  const prefix = `t-${randomUUID()}/`;
  const spoolDir = mkdtempSync(join(base, 'spool-'));
  const store = s3Store({
    bucket: s3.bucket,
    prefix,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    accessKeyId: S3_ACCESS_KEY,
    secretAccessKey: S3_SECRET_KEY,
    forcePathStyle: true,
    spoolDir,
    ...overrides,
  });
  return { store, prefix, spoolDir, stored: () => s3.keys(prefix) };
}

describeBlobStore('the S3 store', async () => freshStore());

describe('the S3 store in its bucket', () => {
  it('keeps a blob at <prefix>sha256/ab/cd/<hash> and names itself by bucket and prefix', async () => {
    const { store, prefix, stored } = freshStore();
    const { sha256 } = await store.put(streamOf(randomBytes(2000)), { maxBytes: MIB });
    expect(await stored()).toEqual([
      `${prefix}sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`,
    ]);
    expect(store.location).toBe(`s3://${s3.bucket}/${prefix}`);
    expect(store.kind).toBe('s3');
  });

  it('sends a blob larger than a part in parts, and reads it back whole', async () => {
    const { store, spoolDir, stored } = freshStore({ partBytes: 5 * MIB });
    const bytes = randomBytes(12 * MIB + 7);
    const put = await store.put(streamOf(bytes), { maxBytes: 16 * MIB, headBytes: 8192 });
    expect(put).toMatchObject({ sha256: sha256Of(bytes), size: bytes.length, created: true });
    expect(put.head.equals(bytes.subarray(0, 8192))).toBe(true);
    expect((await readAll((await store.open(put.sha256))!)).equals(bytes)).toBe(true);
    expect(await store.size(put.sha256)).toBe(bytes.length);
    expect(await stored()).toHaveLength(1);
    expect(await spoolLeft(spoolDir)).toEqual([]);
    expect((await store.put(streamOf(bytes), { maxBytes: 16 * MIB })).created).toBe(false);
  });

  it('fails its write check against a bucket that does not exist, leaving no spool file', async () => {
    const { store, spoolDir } = freshStore({ bucket: 'no-such-bucket' });
    await expect(store.checkWritable()).rejects.toMatchObject({ name: 'NoSuchBucket' });
    expect(await spoolLeft(spoolDir)).toEqual([]);
  });

  it("sweeps dead processes' spool files and probe objects", async () => {
    const { store, prefix, spoolDir, stored } = freshStore();
    const deadPid = 2 ** 22 + 1; // above Linux's largest process id: never running
    const leftover = tempName('', deadPid);
    writeFileSync(join(spoolDir, leftover), 'partial');
    const fresh = tempName();
    writeFileSync(join(spoolDir, fresh), 'being written');
    const probe = `${prefix}tmp/${tempName('probe-', deadPid)}`;
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: probe, Body: 'probe' }));
    const kept = await store.put(streamOf(randomBytes(10)), { maxBytes: MIB });
    expect(await store.sweep()).toBe(2);
    expect(await spoolLeft(spoolDir)).toEqual([fresh]);
    expect(await stored()).toEqual([expect.stringContaining(kept.sha256)]);
  });
});

describe('the S3 store when storage is full', () => {
  it('answers StoreFull when the object store says its disks are full', async () => {
    const full = await startFullObjectStore();
    try {
      const { store, spoolDir } = freshStore({ endpoint: full.endpoint });
      const refused = await store
        .put(streamOf(randomBytes(10_000)), { maxBytes: MIB })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreFull);
      expect(full.writes()).toBe(1);
      expect(await spoolLeft(spoolDir)).toEqual([]);
      await expect(store.checkWritable()).rejects.toThrow();
    } finally {
      await full.stop();
    }
  });

  // Mounting a small tmpfs needs root; elsewhere this one test is skipped.
  const isRoot = process.getuid?.() === 0;
  const spoolMount = join(base, 'full-spool');
  let mounted = false;
  afterAll(() => {
    if (mounted) execFileSync('umount', [spoolMount]);
  });

  it.skipIf(!isRoot)(
    'answers StoreFull when the local spool is full, sending nothing',
    async () => {
      mkdirSync(spoolMount, { recursive: true });
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', spoolMount]);
      mounted = true;
      const { store, stored } = freshStore({ spoolDir: spoolMount });
      const refused = await store
        .put(streamOf(randomBytes(2 * MIB)), { maxBytes: 4 * MIB })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreFull);
      expect(await spoolLeft(spoolMount)).toEqual([]);
      expect(await stored()).toEqual([]);
    },
  );
});

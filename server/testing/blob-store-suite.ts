import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BlobTooLarge, DigestMismatch, EmptyBlob, type BlobStore } from '../storage/blob-store.ts';

/** A fresh, empty store and what it keeps, seen from outside the store. */
export interface StoreFixture {
  store: BlobStore;
  /** The local folder a put's bytes pass through. */
  spoolDir: string;
  /** Every file or object the store holds (paths or keys), apart from the local spool. */
  stored: () => Promise<string[]>;
}

const MIB = 1024 * 1024;

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The bytes as a stream of 64 KiB chunks. */
export const streamOf = (bytes: Buffer, chunkBytes = 64 * 1024) =>
  Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunkBytes)
        yield bytes.subarray(at, at + chunkBytes);
    })(),
  );

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function listAll(store: BlobStore): Promise<string[]> {
  const hashes: string[] = [];
  for await (const hash of store.list()) hashes.push(hash);
  return hashes;
}

/** What is left in the spool folder (none of a put's temporary files should be). */
export const spoolLeft = async (dir: string) => readdir(dir).catch(() => [] as string[]);

/** The behaviour every BlobStore shares, each test on a fresh store from `fresh`. */
export function describeBlobStore(name: string, fresh: () => Promise<StoreFixture>) {
  describe(name, () => {
    it('streams a multi-megabyte body in and out: the same bytes under their SHA-256', async () => {
      const { store, spoolDir, stored } = await fresh();
      const bytes = randomBytes(6 * MIB + 123);
      const put = await store.put(streamOf(bytes), { maxBytes: 8 * MIB });
      expect(put).toEqual({
        sha256: sha256Of(bytes),
        size: bytes.length,
        created: true,
        head: Buffer.alloc(0),
      });
      const back = await readAll((await store.open(put.sha256))!);
      expect(sha256Of(back)).toBe(put.sha256);
      expect(back.equals(bytes)).toBe(true);
      expect(await store.size(put.sha256)).toBe(bytes.length);
      expect(await stored()).toHaveLength(1);
      expect(await spoolLeft(spoolDir)).toEqual([]);
    });

    it('hands back the first bytes it stored, across chunks, without reading the blob again', async () => {
      const { store } = await fresh();
      const bytes = randomBytes(300_000);
      const put = await store.put(streamOf(bytes, 5000), { maxBytes: MIB, headBytes: 8192 });
      expect(put.head.equals(bytes.subarray(0, 8192))).toBe(true);
      const short = randomBytes(100);
      const whole = await store.put(streamOf(short), { maxBytes: MIB, headBytes: 8192 });
      expect(whole.head.equals(short)).toBe(true);
      // The same bytes again: stored once, the head still theirs.
      const again = await store.put(streamOf(bytes), { maxBytes: MIB, headBytes: 16 });
      expect(again).toMatchObject({ created: false, sha256: put.sha256 });
      expect(again.head.equals(bytes.subarray(0, 16))).toBe(true);
    });

    it('stores the same bytes once', async () => {
      const { store, stored } = await fresh();
      const bytes = randomBytes(100_000);
      const first = await store.put(streamOf(bytes), { maxBytes: MIB });
      const second = await store.put(streamOf(bytes), { maxBytes: MIB });
      expect(first.created).toBe(true);
      expect(second).toEqual({ ...first, created: false });
      expect(await listAll(store)).toEqual([first.sha256]);
      expect(await stored()).toHaveLength(1);
    });

    it('takes ten puts of the same bytes at once: all succeed, one blob', async () => {
      const { store, spoolDir, stored } = await fresh();
      const bytes = randomBytes(300_000);
      const puts = await Promise.all(
        Array.from({ length: 10 }, () => store.put(streamOf(bytes), { maxBytes: MIB })),
      );
      expect(new Set(puts.map((p) => p.sha256))).toEqual(new Set([sha256Of(bytes)]));
      expect(puts.some((p) => p.created)).toBe(true);
      expect(await stored()).toHaveLength(1);
      expect(await spoolLeft(spoolDir)).toEqual([]);
      expect((await readAll((await store.open(sha256Of(bytes)))!)).equals(bytes)).toBe(true);
    });

    it('refuses one byte over the limit and keeps nothing', async () => {
      const { store, spoolDir, stored } = await fresh();
      const bytes = randomBytes(MIB + 1);
      await expect(store.put(streamOf(bytes), { maxBytes: MIB })).rejects.toBeInstanceOf(
        BlobTooLarge,
      );
      expect(await store.size(sha256Of(bytes))).toBeUndefined();
      expect(await stored()).toEqual([]);
      expect(await spoolLeft(spoolDir)).toEqual([]);
    });

    it('refuses an empty body', async () => {
      const { store, spoolDir, stored } = await fresh();
      await expect(store.put(Readable.from([]), { maxBytes: MIB })).rejects.toBeInstanceOf(
        EmptyBlob,
      );
      expect(await stored()).toEqual([]);
      expect(await spoolLeft(spoolDir)).toEqual([]);
    });

    it('refuses bytes whose SHA-256 is not the announced one, and keeps nothing', async () => {
      const { store, spoolDir, stored } = await fresh();
      const bytes = randomBytes(50_000);
      const announced = sha256Of(randomBytes(10));
      const refused = await store
        .put(streamOf(bytes), { maxBytes: MIB, expectedSha256: announced })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DigestMismatch);
      expect(refused).toMatchObject({ expected: announced, actual: sha256Of(bytes) });
      expect(await store.size(sha256Of(bytes))).toBeUndefined();
      expect(await stored()).toEqual([]);
      expect(await spoolLeft(spoolDir)).toEqual([]);
      const upper = sha256Of(bytes).toUpperCase();
      const taken = await store.put(streamOf(bytes), { maxBytes: MIB, expectedSha256: upper });
      expect(taken.sha256).toBe(sha256Of(bytes));
    });

    it('passes a failing sender on and keeps nothing of what it sent', async () => {
      const { store, spoolDir, stored } = await fresh();
      const source = Readable.from(
        (async function* () {
          yield randomBytes(2 * MIB);
          throw new Error('the sender went away');
        })(),
      );
      await expect(store.put(source, { maxBytes: 8 * MIB })).rejects.toThrow(
        'the sender went away',
      );
      expect(await stored()).toEqual([]);
      expect(await spoolLeft(spoolDir)).toEqual([]);
    });

    it('lists every hash it holds', async () => {
      const { store } = await fresh();
      const hashes: string[] = [];
      for (let i = 0; i < 4; i += 1)
        hashes.push((await store.put(streamOf(randomBytes(1000 + i)), { maxBytes: MIB })).sha256);
      expect((await listAll(store)).sort()).toEqual(hashes.sort());
    });

    it('answers undefined for a hash it does not hold', async () => {
      const { store } = await fresh();
      const unknown = sha256Of(randomBytes(8));
      expect(await store.open(unknown)).toBeUndefined();
      expect(await store.size(unknown)).toBeUndefined();
      await expect(store.open('../../etc/passwd')).rejects.toThrow('not a SHA-256');
    });

    it('checks that it can write, leaving no probe behind', async () => {
      const { store, spoolDir, stored } = await fresh();
      await store.checkWritable();
      expect(await stored()).toEqual([]);
      expect(await spoolLeft(spoolDir)).toEqual([]);
    });
  });
}

import { createHash } from 'node:crypto';
import type { Db } from '../../../db/connection.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';
import * as repo from '../verify.repo.ts';

/** What reading a stored blob found: its bytes' SHA-256 and length, or why there are none. */
export type BlobCheck =
  | { state: 'read'; sha256: string; size: number }
  | { state: 'missing' }
  | { state: 'unreadable'; error: string };

/** Streams a stored blob once through SHA-256; never holds more than the stream's chunk. */
export async function checkBlob(store: BlobStore, sha256: string): Promise<BlobCheck> {
  let stream;
  try {
    stream = await store.open(sha256);
  } catch (error) {
    return { state: 'unreadable', error: errorText(error) };
  }
  if (!stream) return { state: 'missing' };
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      size += bytes.length;
    }
  } catch (error) {
    return { state: 'unreadable', error: errorText(error) };
  } finally {
    stream.destroy();
  }
  return { state: 'read', sha256: hash.digest('hex'), size };
}

const errorText = (error: unknown) =>
  (error as NodeJS.ErrnoException | undefined)?.code ??
  (error instanceof Error ? error.message : String(error));

/** `work` over every value, at most `limit` at a time; the results in the values' order. */
export async function mapBounded<T, R>(
  values: readonly T[],
  limit: number,
  work: (value: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(values.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < values.length; i = next++) out[i] = await work(values[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, lane));
  return out;
}

const LIST_BATCH = 500;

/**
 * The blobs of the store that no item of any of `workspaces` refers to, with their sizes. The
 * store's listing is read in batches, each looked up per workspace on the (workspace, sha256)
 * index: nothing grows with the size of the store but the batch.
 */
export async function* unreferencedBlobs(
  db: Db,
  store: BlobStore,
  workspaces: readonly number[],
): AsyncGenerator<{ sha256: string; size: number | undefined }> {
  let batch: string[] = [];
  const settle = async function* () {
    const left = new Set(batch);
    for (const ws of workspaces) {
      if (left.size === 0) break;
      for (const hash of await repo.referencedHashes(db, ws, [...left])) left.delete(hash);
    }
    batch = [];
    for (const sha256 of left) yield { sha256, size: await store.size(sha256) };
  };
  for await (const sha256 of store.list()) {
    batch.push(sha256);
    if (batch.length >= LIST_BATCH) yield* settle();
  }
  yield* settle();
}

import type { Readable } from 'node:stream';

/** What storing a stream of bytes gave: their SHA-256 (lower-case hex) and length. */
export interface StoredBlob {
  sha256: string;
  size: number;
  /** False when the same bytes were stored before: the store keeps one copy of them. */
  created: boolean;
  /** The first `headBytes` bytes seen while storing (all of them when fewer), else empty. */
  head: Buffer;
}

export interface PutOptions {
  /** The most bytes accepted; one more and the write stops with BlobTooLarge. */
  maxBytes: number;
  /** The SHA-256 (hex) the sender says the bytes have; a difference is a DigestMismatch. */
  expectedSha256?: string;
  /** How many bytes from the start to hand back as `head` (to tell the type); none by default. */
  headBytes?: number;
}

/**
 * Where evidence bytes live, addressed by their SHA-256: the filesystem under the data folder
 * by default, S3-compatible object storage by configuration. Bytes always stream: no
 * implementation holds a whole blob in memory. A put writes to a temporary place first and
 * makes the blob visible under its hash only once every byte is durable, so a crash, a full
 * disk or a cut-off sender leaves no blob and no partial file behind.
 */
export interface BlobStore {
  readonly kind: 'filesystem' | 's3';
  /** Where the store is, for logs and `/readyz` (a folder or `s3://bucket/prefix`). */
  readonly location: string;
  /**
   * Streams `source` into the store, hashing while writing. Throws BlobTooLarge, EmptyBlob,
   * DigestMismatch or StoreFull (nothing stored for any of them); a failing source's error
   * is passed on, also with nothing stored.
   */
  put(source: Readable, options: PutOptions): Promise<StoredBlob>;
  /** The stored bytes of a hash, or undefined when the store has no blob of that hash. */
  open(sha256: string): Promise<Readable | undefined>;
  /** The size of a stored blob, or undefined when there is none. */
  size(sha256: string): Promise<number | undefined>;
  /** Every hash the store holds (for verification: blobs no evidence refers to). */
  list(): AsyncIterable<string>;
  /** Writes and removes a probe: throws when the store cannot take new blobs. */
  checkWritable(): Promise<void>;
  /** Removes what interrupted puts left behind (a crashed process's temporary files). */
  sweep(): Promise<number>;
}

/** The sender sent more than the limit; nothing was kept. */
export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
    this.name = 'BlobTooLarge';
  }
}

/** The body held no bytes. */
export class EmptyBlob extends Error {
  constructor() {
    super('no bytes');
    this.name = 'EmptyBlob';
  }
}

/** The bytes' SHA-256 is not the one the sender announced; nothing was kept. */
export class DigestMismatch extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`SHA-256 ${actual}, expected ${expected}`);
    this.name = 'DigestMismatch';
  }
}

/** The store has no room left (ENOSPC, EDQUOT, an object store's quota); nothing was kept. */
export class StoreFull extends Error {
  constructor(cause?: unknown) {
    super('the evidence store is full', { cause });
    this.name = 'StoreFull';
  }
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

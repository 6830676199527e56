import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type * as S3 from '@aws-sdk/client-s3';
import type { CompletedPart, S3Client, _Object } from '@aws-sdk/client-s3';
import { SHA256_HEX, StoreFull, type BlobStore, type StoredBlob } from './blob-store.ts';
import { discard, isOrphan, spool, sweepSpool, tempName, type Spooled } from './spool.ts';

export interface S3StoreOptions {
  bucket: string;
  /** Put before every key: empty, or ending in `/`. */
  prefix: string;
  /** The server's URL, for S3-compatible stores; AWS's own when unset. */
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key`. */
  forcePathStyle: boolean;
  /** Local folder where a put's bytes are hashed and checked before they are sent. */
  spoolDir: string;
  staleTempHours?: number;
  /** Largest blob sent in one request, and the part size of larger ones (5 MiB at least). */
  partBytes?: number;
}

const MIB = 1024 * 1024;
const MAX_PARTS = 10_000;
const PART_UPLOADS_AT_ONCE = 3;
const PROBE_TIMEOUT_MS = 10_000;

/** Error codes S3-compatible servers answer when a bucket or the disks behind it are full. */
const QUOTA_CODES = new Set([
  'QuotaExceeded',
  'XMinioStorageFull',
  'XMinioAdminBucketQuotaExceeded',
  'StorageFull',
  'InsufficientStorage',
]);

const statusOf = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
const nameOf = (error: unknown) => (error instanceof Error ? error.name : '');
const isMissing = (error: unknown) => ['NoSuchKey', 'NotFound'].includes(nameOf(error));
const isQuota = (error: unknown) => QUOTA_CODES.has(nameOf(error)) || statusOf(error) === 507;
/** The server refused `If-None-Match: *`: another put stored the same bytes meanwhile. */
const isAlreadyThere = (error: unknown) => statusOf(error) === 412;

// The SDK takes a fifth of a second and some 20 MB to load: only servers that use S3 load it.
type Sdk = typeof S3;
let sdkLoading: Promise<Sdk> | undefined;
const loadSdk = () => (sdkLoading ??= import('@aws-sdk/client-s3'));

const KEY_TAIL = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/**
 * The S3-compatible store: `<prefix>sha256/ab/cd/<hash>`, never overwritten. A put spools the
 * bytes to a local temporary file first (hashed and checked there, so nothing unchecked is
 * sent), then uploads that file, in one request or in parts, each carrying its SHA-256 for the
 * server to verify. An interrupted multipart upload is aborted; one a crash left behind is
 * for the bucket's lifecycle rule (AbortIncompleteMultipartUpload) to remove.
 */
export function s3Store(options: S3StoreOptions): BlobStore {
  const { bucket: Bucket, prefix, spoolDir } = options;
  const staleMs = (options.staleTempHours ?? 24) * 3_600_000;
  let connecting: Promise<{ sdk: Sdk; client: S3Client }> | undefined;
  const connect = () =>
    (connecting ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: options.region,
        ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
        forcePathStyle: options.forcePathStyle,
        credentials: {
          accessKeyId: options.accessKeyId,
          secretAccessKey: options.secretAccessKey,
        },
        // Many S3-compatible servers take no aws-chunked trailers: each request names its own
        // SHA-256 instead, computed while spooling.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        requestHandler: { connectionTimeout: 10_000 },
        // Every failure reaches the caller; the SDK's own notes would go to the console.
        logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      }),
    })));
  const keyOf = (sha256: string) => {
    if (!SHA256_HEX.test(sha256)) throw new Error('not a SHA-256');
    return `${prefix}sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  };
  const partSizeFor = (maxBytes: number) =>
    Math.max(5 * MIB, options.partBytes ?? 64 * MIB, Math.ceil(maxBytes / MAX_PARTS));

  async function head(Key: string) {
    const { sdk, client } = await connect();
    try {
      return await client.send(new sdk.HeadObjectCommand({ Bucket, Key }));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** One PutObject; false when the object appeared meanwhile. */
  async function putWhole(Key: string, spooled: Spooled, signal?: AbortSignal) {
    const { sdk, client } = await connect();
    const Body = createReadStream(spooled.path);
    try {
      await client.send(
        new sdk.PutObjectCommand({
          Bucket,
          Key,
          Body,
          ContentLength: spooled.size,
          ContentType: 'application/octet-stream',
          ChecksumSHA256: Buffer.from(spooled.sha256, 'hex').toString('base64'),
          IfNoneMatch: '*',
        }),
        signal ? { abortSignal: signal } : {},
      );
      return true;
    } catch (error) {
      if (isAlreadyThere(error)) return false;
      throw error;
    } finally {
      Body.destroy();
    }
  }

  async function uploadParts(Key: string, UploadId: string, spooled: Spooled, partBytes: number) {
    const { sdk, client } = await connect();
    const parts: CompletedPart[] = [];
    let next = 0;
    let failed = false;
    const uploadNext = async () => {
      while (!failed && next < spooled.partSha256.length) {
        const index = next++;
        const start = index * partBytes;
        const length = Math.min(partBytes, spooled.size - start);
        const Body = createReadStream(spooled.path, { start, end: start + length - 1 });
        const ChecksumSHA256 = spooled.partSha256[index];
        try {
          const { ETag } = await client.send(
            new sdk.UploadPartCommand({
              Bucket,
              Key,
              UploadId,
              PartNumber: index + 1,
              Body,
              ContentLength: length,
              ChecksumSHA256,
            }),
          );
          parts[index] = { PartNumber: index + 1, ETag, ChecksumSHA256 };
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          Body.destroy();
        }
      }
    };
    // Every part in flight ends before the caller may abort the upload.
    const settled = await Promise.allSettled(
      Array.from({ length: PART_UPLOADS_AT_ONCE }, uploadNext),
    );
    const refused = settled.find((s) => s.status === 'rejected');
    if (refused) throw refused.reason;
    return parts;
  }

  /** A multipart upload from the spooled file's slices; false when the object appeared. */
  async function putParts(Key: string, spooled: Spooled, partBytes: number) {
    const { sdk, client } = await connect();
    const { UploadId } = await client.send(
      new sdk.CreateMultipartUploadCommand({
        Bucket,
        Key,
        ContentType: 'application/octet-stream',
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    if (!UploadId) throw new Error('the object store gave no upload id');
    try {
      const Parts = await uploadParts(Key, UploadId, spooled, partBytes);
      await client.send(
        new sdk.CompleteMultipartUploadCommand({
          Bucket,
          Key,
          UploadId,
          MultipartUpload: { Parts },
          IfNoneMatch: '*',
        }),
      );
      return true;
    } catch (error) {
      await client
        .send(new sdk.AbortMultipartUploadCommand({ Bucket, Key, UploadId }))
        .catch(() => undefined);
      if (isAlreadyThere(error)) return false;
      throw error;
    }
  }

  async function* listKeys(Prefix: string): AsyncIterable<_Object> {
    const { sdk, client } = await connect();
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(
        new sdk.ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }),
      );
      yield* page.Contents ?? [];
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  return {
    kind: 's3',
    location: `s3://${Bucket}/${prefix}`,

    async put(source, putOptions): Promise<StoredBlob> {
      const partBytes = partSizeFor(putOptions.maxBytes);
      const spooled = await spool(source, spoolDir, { ...putOptions, partBytes });
      const { sha256, size } = spooled;
      const blob = { sha256, size, head: spooled.head };
      try {
        const Key = keyOf(sha256);
        if (await head(Key)) return { ...blob, created: false };
        const created =
          spooled.partSha256.length <= 1
            ? await putWhole(Key, spooled)
            : await putParts(Key, spooled, partBytes);
        return { ...blob, created };
      } catch (error) {
        throw isQuota(error) ? new StoreFull(error) : error;
      } finally {
        await discard(spooled.path);
      }
    },

    async open(sha256) {
      const { sdk, client } = await connect();
      try {
        const { Body } = await client.send(
          new sdk.GetObjectCommand({ Bucket, Key: keyOf(sha256) }),
        );
        if (!(Body instanceof Readable)) throw new Error('the object store sent no byte stream');
        return Body;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async size(sha256) {
      return (await head(keyOf(sha256)))?.ContentLength;
    },

    async *list() {
      const base = `${prefix}sha256/`;
      for await (const { Key } of listKeys(base)) {
        const match = KEY_TAIL.exec(Key?.slice(base.length) ?? '');
        const hash = match?.[3];
        if (hash && match[1] === hash.slice(0, 2) && match[2] === hash.slice(2, 4)) yield hash;
      }
    },

    // The probe goes the way of a put: through the local spool, then to the bucket.
    async checkWritable() {
      const probe = await spool(Readable.from([Buffer.from('probe')]), spoolDir, {
        maxBytes: 16,
      });
      const Key = `${prefix}tmp/${tempName('probe-')}`;
      const { sdk, client } = await connect();
      try {
        await putWhole(Key, probe, AbortSignal.timeout(PROBE_TIMEOUT_MS));
        await client.send(new sdk.DeleteObjectCommand({ Bucket, Key }), {
          abortSignal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        });
      } finally {
        await discard(probe.path);
      }
    },

    async sweep() {
      const { sdk, client } = await connect();
      let removed = await sweepSpool(spoolDir, staleMs);
      for await (const { Key, LastModified } of listKeys(`${prefix}tmp/`)) {
        const name = Key?.slice(`${prefix}tmp/`.length) ?? '';
        const old = LastModified !== undefined && Date.now() - LastModified.getTime() > staleMs;
        if (!Key || !(isOrphan(name) || old)) continue;
        await client.send(new sdk.DeleteObjectCommand({ Bucket, Key }));
        removed += 1;
      }
      return removed;
    },
  };
}

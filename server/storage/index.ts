import { join } from 'node:path';
import type { EvidenceConfig } from '../config.ts';
import type { BlobStore } from './blob-store.ts';
import { filesystemStore } from './fs-store.ts';
import { s3Store } from './s3-store.ts';

export {
  BlobTooLarge,
  DigestMismatch,
  EmptyBlob,
  SHA256_HEX,
  StoreFull,
  type BlobStore,
  type PutOptions,
  type StoredBlob,
} from './blob-store.ts';
export { cacheWritableCheck } from './writable-check.ts';

/** The evidence store the configuration names; opens no file and no connection yet. */
export function openBlobStore(config: { evidence: EvidenceConfig }): BlobStore {
  const { evidence } = config;
  if (evidence.store === 's3') {
    if (!evidence.s3) throw new Error('the s3 evidence store has no settings');
    return s3Store({ ...evidence.s3, spoolDir: join(evidence.dir, 'tmp') });
  }
  return filesystemStore(evidence.dir);
}

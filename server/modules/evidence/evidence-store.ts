import { join } from 'node:path';
import type { Config } from '../../config.ts';
import type { Logger } from '../../lib/logger.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { filesystemStore } from '../../storage/fs-store.ts';
import { provideVerificationStore } from './verify.job.ts';

/** The store evidence is kept in: the data folder's `evidence/`, as the routes keep it. */
export const evidenceStoreOf = (config: Pick<Config, 'dataDir'>): BlobStore =>
  filesystemStore(join(config.dataDir, 'evidence'));

/**
 * Readies the evidence store of a process that runs jobs (the server, the worker): its
 * verification jobs get the store, and what uploads cut off by a crash left in the store's
 * temporary folder is removed. A sweep that fails is logged: it must not keep the server down.
 */
export async function prepareEvidenceStore(
  config: Pick<Config, 'dataDir'>,
  log: Logger,
): Promise<BlobStore> {
  const store = evidenceStoreOf(config);
  provideVerificationStore(store);
  try {
    const removed = await store.sweep();
    if (removed > 0)
      log.info({ removed, store: store.location }, 'removed files of interrupted uploads');
  } catch (error) {
    log.warn({ err: error, store: store.location }, 'the evidence store could not be swept');
  }
  return store;
}

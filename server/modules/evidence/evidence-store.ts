import type { Config } from '../../config.ts';
import type { Logger } from '../../lib/logger.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { openBlobStore } from '../../storage/index.ts';
import { configureEvidenceContent } from './content-settings.ts';
import { provideVerificationStore } from './verify.job.ts';

/** The store evidence is kept in: the configured one, as the routes keep it. */
export const evidenceStoreOf = (config: Pick<Config, 'evidence'>): BlobStore =>
  openBlobStore(config);

/**
 * Readies the evidence store of a process that runs jobs (the server, the worker): its
 * verification, e-mail parsing and thumbnail jobs get the store, and what uploads cut off by a crash left in the store's
 * temporary folder is removed. A sweep that fails is logged: it must not keep the server down.
 */
export async function prepareEvidenceStore(
  config: Pick<Config, 'evidence'>,
  log: Logger,
): Promise<BlobStore> {
  const store = evidenceStoreOf(config);
  provideVerificationStore(store);
  configureEvidenceContent({ store });
  try {
    const removed = await store.sweep();
    if (removed > 0)
      log.info({ removed, store: store.location }, 'removed files of interrupted uploads');
  } catch (error) {
    log.warn({ err: error, store: store.location }, 'the evidence store could not be swept');
  }
  return store;
}

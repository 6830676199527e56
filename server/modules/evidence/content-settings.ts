import type { Config } from '../../config.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { openBlobStore } from '../../storage/index.ts';
import { MESSAGE_LIMITS, type MessageLimits } from './message/limits.ts';
import { THUMBNAIL_LIMITS, type ThumbnailLimits } from './thumbnail/limits.ts';

/** The blob store evidence bytes live in: the configured one (the data folder's `evidence/` by default). */
export const evidenceStore = (config: Config): BlobStore => openBlobStore(config);

export interface ContentSettings {
  store: BlobStore;
  message: MessageLimits;
  thumbnail: ThumbnailLimits;
}

let settings: ContentSettings | undefined;

/**
 * Sets what this process's content jobs (e-mail parsing, thumbnails) read and write: the
 * evidence blob store, and limits other than the defaults (tests).
 */
export function configureEvidenceContent(input: {
  store: BlobStore;
  message?: Partial<MessageLimits>;
  thumbnail?: Partial<ThumbnailLimits>;
}): void {
  settings = {
    store: input.store,
    message: { ...MESSAGE_LIMITS, ...input.message },
    thumbnail: { ...THUMBNAIL_LIMITS, ...input.thumbnail },
  };
}

/** The settings of content jobs; throws in a process that has not configured them. */
export function contentSettings(): ContentSettings {
  if (!settings) throw new Error('evidence content jobs are not configured in this process');
  return settings;
}

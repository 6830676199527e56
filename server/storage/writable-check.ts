import type { BlobStore } from './blob-store.ts';

/**
 * The store's write check, answered from memory for `ttlMs` after each real check ended
 * (success or failure alike), so a readiness probe polled every second writes a probe only
 * now and then. Callers while a check runs share it.
 */
export function cacheWritableCheck(
  store: Pick<BlobStore, 'checkWritable'>,
  ttlMs: number,
  now: () => number = () => performance.now(),
): () => Promise<void> {
  let current: Promise<void> | undefined;
  let endedAt: number | undefined;
  return () => {
    if (current && (endedAt === undefined || now() - endedAt < ttlMs)) return current;
    endedAt = undefined;
    const check: Promise<void> = store.checkWritable().finally(() => {
      if (current === check) endedAt = now();
    });
    // A failure is kept for the callers to come, not reported as unhandled.
    check.catch(() => undefined);
    current = check;
    return check;
  };
}

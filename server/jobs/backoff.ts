/**
 * Delay before the next attempt of a failed job: exponential backoff with full jitter, a
 * random point in [0, min(cap, base · 2^(attempt-1))], so failing jobs of many workers do not
 * retry in step. `random` is injectable for tests.
 */
export function retryDelayMs(
  attempt: number,
  opts: { baseMs: number; capMs: number; random: () => number },
): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(opts.random() * ceiling);
}

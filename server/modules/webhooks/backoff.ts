/**
 * When a failed delivery is tried again: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h
 * (the Standard Webhooks reference schedule), each stretched by a random 0-25 % so that many
 * receivers failing together are not retried together. Eight attempts in all over at least
 * 27.6 hours (at most 34.5); after the eighth failure the delivery is `failed`, visible in the
 * console, until someone replays it.
 */
export const RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
] as const;

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The delay before the next attempt after `attempts` failed ones, or null when none is left. */
export function nextDelayMs(
  attempts: number,
  random: () => number = Math.random,
  delays: readonly number[] = RETRY_DELAYS_MS,
): number | null {
  const base = delays[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + 0.25 * random()));
}

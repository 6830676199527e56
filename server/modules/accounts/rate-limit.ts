import type { SignInLimits } from '../../config.ts';
import { RateLimitedError } from '../../lib/errors.ts';

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Failures per key in a fixed window that opens at the key's first failure, in memory. It
 * forgets on restart, which only ever errs towards letting a person in.
 */
export class FailureCounter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Milliseconds until the key may try again; 0 when it may try now. */
  blockedFor(key: string, now: number): number {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now || window.count < this.limit) return 0;
    return window.resetAt - now;
  }

  add(key: string, now: number): void {
    const window = this.windows.get(key);
    if (window && window.resetAt > now) {
      window.count += 1;
      return;
    }
    this.windows.delete(key);
    if (this.windows.size >= this.maxKeys) this.sweep(now);
    this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
  }

  /** Takes back one failure added earlier. */
  remove(key: string): void {
    const window = this.windows.get(key);
    if (window && window.count > 0) window.count -= 1;
  }

  clear(key: string): void {
    this.windows.delete(key);
  }

  // Expired windows first; when every window is live (a flood of keys), the oldest go, which
  // errs towards letting a person in rather than holding unbounded memory.
  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}

export interface SignInAttempt {
  /** The attempt signed in: it does not count, and the account's failures are cleared. */
  succeeded(): void;
}

const inMinutes = (ms: number): string => {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
};

/**
 * Sign-in throttling by failures, per account (the normalised e-mail, whether or not an
 * account has it) and per client address. Successes never count, so a team signing in from
 * behind one address is not locked out by its own sign-ins.
 */
export class SignInThrottle {
  private readonly accounts: FailureCounter;
  private readonly addresses: FailureCounter;

  constructor(limits: SignInLimits) {
    const windowMs = limits.windowMinutes * 60_000;
    this.accounts = new FailureCounter(limits.failuresPerAccount, windowMs);
    this.addresses = new FailureCounter(limits.failuresPerAddress, windowMs);
  }

  /**
   * Claims one attempt, counted as a failure until it succeeds: attempts running side by side
   * cannot pass the limit while their passwords are being checked. The answer depends only on
   * the e-mail as typed and the address, never on whether the account exists. Throws
   * rate_limited.
   */
  begin(email: string, address: string, now: number): SignInAttempt {
    const byAccount = this.accounts.blockedFor(email, now);
    if (byAccount > 0) throw throttled('for this account', byAccount);
    const byAddress = this.addresses.blockedFor(address, now);
    if (byAddress > 0) throw throttled('from this address', byAddress);
    this.accounts.add(email, now);
    this.addresses.add(address, now);
    return {
      succeeded: () => {
        this.accounts.clear(email);
        this.addresses.remove(address);
      },
    };
  }
}

/**
 * Wrong current passwords given to a password change, per account, within the sign-in
 * window: a stolen session must not become a way to guess the password without limit.
 */
export class PasswordCheckThrottle {
  private readonly accounts: FailureCounter;

  constructor(limits: SignInLimits) {
    this.accounts = new FailureCounter(limits.failuresPerAccount, limits.windowMinutes * 60_000);
  }

  /** Claims one check, counted as a failure until it succeeds. Throws rate_limited. */
  begin(accountId: number, now: number): SignInAttempt {
    const key = String(accountId);
    const blocked = this.accounts.blockedFor(key, now);
    if (blocked > 0)
      throw new RateLimitedError(
        `Too many wrong passwords for this account; try again in ${inMinutes(blocked)}`,
        Math.max(1, Math.ceil(blocked / 1000)),
      );
    this.accounts.add(key, now);
    return { succeeded: () => this.accounts.clear(key) };
  }
}

const throttled = (scope: string, ms: number) =>
  new RateLimitedError(
    `Too many failed sign-ins ${scope}; try again in ${inMinutes(ms)}`,
    Math.max(1, Math.ceil(ms / 1000)),
  );

import type { Actor } from '../access/index.ts';

type Listener = (accountId: number) => void;
const listeners = new Set<Listener>();

/**
 * Tells every actor cache in this process that an account changed (disabled, role, password,
 * name, a token revoked, a session ended): its cached credentials are dropped at once.
 * Call it only once the change has committed: on PostgreSQL a request that looks the
 * credential up between the drop and the commit still reads the old row, and would cache it
 * again for the cache's lifetime.
 */
export function notifyAccountChanged(accountId: number): void {
  for (const listener of listeners) listener(accountId);
}

interface Entry<T> {
  value: T;
  accountId: number;
  expiresAt: number;
}

/**
 * Who is behind a credential, remembered for a few seconds so that each request does not
 * repeat the credential and role look-ups. Changes made in this process take effect at once;
 * changes made by another process (the command line, a second server) within the TTL.
 */
export class ActorCache<T extends { actor: Actor }> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly listener: Listener = (accountId) => this.dropAccount(accountId);
  /** Counts the drops, so that a look-up that overlapped one is not remembered. */
  private drops = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {
    if (ttlMs > 0) listeners.add(this.listener);
  }

  get(key: string, now: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /**
   * The cached value, or else the loaded one, remembered unless an account changed while it
   * was loading: a look-up that read the credential before a change committed must not outlive
   * the drop that followed the commit.
   */
  async resolve(
    key: string,
    load: () => Promise<T | undefined>,
    now = Date.now(),
  ): Promise<T | undefined> {
    const hit = this.get(key, now);
    if (hit) return hit;
    const dropsBefore = this.drops;
    const found = await load();
    if (found && this.drops === dropsBefore) this.set(key, found, now);
    return found;
  }

  set(key: string, value: T, now: number): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, accountId: value.actor.accountId, expiresAt: now + this.ttlMs });
  }

  dropAccount(accountId: number): void {
    this.drops += 1;
    for (const [key, entry] of this.entries)
      if (entry.accountId === accountId) this.entries.delete(key);
  }

  close(): void {
    listeners.delete(this.listener);
    this.entries.clear();
  }
}

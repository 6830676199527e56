import type { Actor } from '../access/index.ts';

type Listener = (accountId: number) => void;
const listeners = new Set<Listener>();

/**
 * Tells every actor cache in this process that an account changed (disabled, role, password,
 * name, a token revoked, a session ended): its cached credentials are dropped at once.
 * Call it after the change has committed.
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

  set(key: string, value: T, now: number): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, accountId: value.actor.accountId, expiresAt: now + this.ttlMs });
  }

  dropAccount(accountId: number): void {
    for (const [key, entry] of this.entries)
      if (entry.accountId === accountId) this.entries.delete(key);
  }

  close(): void {
    listeners.delete(this.listener);
    this.entries.clear();
  }
}

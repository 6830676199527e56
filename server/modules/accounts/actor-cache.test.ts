import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/index.ts';
import { ActorCache, notifyAccountChanged } from './actor-cache.ts';

const actor = (accountId: number): Actor => ({
  accountId,
  workspaceId: 1,
  name: `a${accountId}`,
  email: '',
  roleKey: 'analyst',
  permissions: new Set(),
  via: 'token',
});

describe('actor cache', () => {
  it('remembers a credential until its time is up', () => {
    const cache = new ActorCache<{ actor: Actor }>(5000);
    cache.set('t:1', { actor: actor(1) }, 1000);
    expect(cache.get('t:1', 5999)?.actor.accountId).toBe(1);
    expect(cache.get('t:1', 6000)).toBeUndefined();
    cache.close();
  });

  it('forgets every credential of an account as soon as the account changes', () => {
    const cache = new ActorCache<{ actor: Actor }>(60_000);
    cache.set('t:1', { actor: actor(1) }, 0);
    cache.set('s:1', { actor: actor(1) }, 0);
    cache.set('t:2', { actor: actor(2) }, 0);
    notifyAccountChanged(1);
    expect(cache.get('t:1', 1)).toBeUndefined();
    expect(cache.get('s:1', 1)).toBeUndefined();
    expect(cache.get('t:2', 1)?.actor.accountId).toBe(2);
    cache.close();
    cache.set('t:3', { actor: actor(3) }, 0);
    notifyAccountChanged(3);
    expect(cache.get('t:3', 1)?.actor.accountId).toBe(3);
  });

  it('remembers nothing with a time of zero', () => {
    const cache = new ActorCache<{ actor: Actor }>(0);
    cache.set('t:1', { actor: actor(1) }, 0);
    expect(cache.get('t:1', 0)).toBeUndefined();
  });
});

describe('actor cache look-ups', () => {
  it('does not remember a look-up that an account change overlapped', async () => {
    const cache = new ActorCache<{ actor: Actor }>(60_000);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const pending = cache.resolve('t:1', async () => {
      await gate;
      return { actor: actor(1) };
    });
    notifyAccountChanged(1);
    release();
    expect((await pending)?.actor.accountId).toBe(1);
    expect(cache.get('t:1', Date.now())).toBeUndefined();
    const loaded = await cache.resolve('t:1', async () => ({ actor: actor(1) }));
    expect(loaded?.actor.accountId).toBe(1);
    expect(cache.get('t:1', Date.now())?.actor.accountId).toBe(1);
    let loads = 0;
    await cache.resolve('t:1', async () => {
      loads += 1;
      return { actor: actor(1) };
    });
    expect(loads).toBe(0);
    cache.close();
  });
});

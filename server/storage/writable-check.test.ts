import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesystemStore } from './fs-store.ts';
import { cacheWritableCheck } from './writable-check.ts';

const base = mkdtempSync(join(tmpdir(), 'casefile-writable-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A real store whose write checks are counted. */
function counted(root: string) {
  const store = filesystemStore(root);
  let calls = 0;
  return {
    calls: () => calls,
    checkWritable: () => {
      calls += 1;
      return store.checkWritable();
    },
  };
}

describe('the cached write check', () => {
  it('checks once for the callers within the time, and again after it', async () => {
    let now = 0;
    const store = counted(mkdtempSync(join(base, 'ok-')));
    const check = cacheWritableCheck(store, 5000, () => now);
    await Promise.all([check(), check(), check()]);
    now += 4999;
    await check();
    expect(store.calls()).toBe(1);
    now += 1;
    await check();
    expect(store.calls()).toBe(2);
  });

  it('keeps a failure for the same time, then looks again', async () => {
    let now = 0;
    const file = join(base, 'a-file');
    writeFileSync(file, 'not a folder');
    const store = counted(join(file, 'evidence'));
    const check = cacheWritableCheck(store, 5000, () => now);
    await expect(check()).rejects.toThrow();
    await expect(check()).rejects.toThrow();
    expect(store.calls()).toBe(1);
    now += 5000;
    await expect(check()).rejects.toThrow();
    expect(store.calls()).toBe(2);
  });
});

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveKey, loadServerSecret, seal, unseal } from './secret-box.ts';

const dir = mkdtempSync(join(tmpdir(), 'casefile-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secret box', () => {
  it('makes the server secret once, readable only by its owner, and reads it back', async () => {
    const dataDir = join(dir, 'data');
    const [a, b] = await Promise.all([loadServerSecret(dataDir), loadServerSecret(dataDir)]);
    expect(a.length).toBe(32);
    expect(b.equals(a)).toBe(true);
    expect((await loadServerSecret(dataDir)).equals(a)).toBe(true);
    expect(statSync(join(dataDir, 'server-secret')).mode & 0o777).toBe(0o600);
  });

  it('opens what it sealed only with the same key and context', async () => {
    const key = deriveKey(await loadServerSecret(dir), 'test purpose');
    const sealed = seal(key, 'whsec_abc', 'workspace:1');
    expect(sealed).not.toContain('whsec_abc');
    expect(unseal(key, sealed, 'workspace:1')).toBe('whsec_abc');
    expect(() => unseal(key, sealed, 'workspace:2')).toThrow();
    expect(() => unseal(deriveKey(key, 'other'), sealed, 'workspace:1')).toThrow();
  });
});

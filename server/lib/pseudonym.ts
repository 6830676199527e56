import { createHmac } from 'node:crypto';
import { deriveKey, loadSecretFile } from './secret-box.ts';

/**
 * The keys pseudonyms are made with: one per workspace, derived (HKDF-SHA-256) from a master
 * secret that never enters the database — `CASEFILE_PSEUDONYM_KEY`, or else the
 * `pseudonym-key` file of the data folder (32 random bytes, mode 0600, made on first use).
 * Every process of a deployment must share it: several servers on one PostgreSQL set the
 * variable, or share the data folder.
 */
export interface PseudonymKeys {
  workspaceKey(workspaceId: number): Promise<Buffer>;
}

export const PSEUDONYM_KEY_FILE = 'pseudonym-key';

const keyrings = new Map<string, PseudonymKeys>();

/** The keys of a data folder (or master key): one set per process, loaded once. */
export function pseudonymKeys(opts: { dataDir: string; key?: string | undefined }): PseudonymKeys {
  const id = `${opts.dataDir}\u0000${opts.key ?? ''}`;
  let keys = keyrings.get(id);
  if (!keys) keyrings.set(id, (keys = makeKeys(opts)));
  return keys;
}

function makeKeys(opts: { dataDir: string; key?: string | undefined }): PseudonymKeys {
  let master: Promise<Buffer> | undefined;
  const byWorkspace = new Map<number, Buffer>();
  const loadMaster = () => {
    master ??= opts.key
      ? Promise.resolve(Buffer.from(opts.key, 'base64'))
      : loadSecretFile(opts.dataDir, PSEUDONYM_KEY_FILE);
    master.catch(() => (master = undefined));
    return master;
  };
  return {
    async workspaceKey(workspaceId) {
      const known = byWorkspace.get(workspaceId);
      if (known) return known;
      const key = deriveKey(await loadMaster(), `casefile pseudonyms:workspace:${workspaceId}`);
      byWorkspace.set(workspaceId, key);
      return key;
    },
  };
}

// Crockford's base32 without I, L, O and U: a tag that reads aloud and copies without mistakes.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The pseudonym of an identity (a subject's e-mail or UPN, lower-cased): `Anon-` and 8
 * characters of base32 of its HMAC-SHA-256 under the workspace's key, as `Anon-7F3K-21QX`.
 * 40 bits: two of 20,000 people share one with a chance of about 1 in 5,000.
 */
export function pseudonymOf(key: Buffer, identity: string): string {
  const mac = createHmac('sha256', key).update(identity).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of mac) {
    value = ((value << 8) | byte) & 0xfff; // fewer than 5 bits are left over each time
    bits += 8;
    while (bits >= 5 && out.length < 8) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 8) break;
  }
  return `Anon-${out.slice(0, 4)}-${out.slice(4)}`;
}

/** Whether a text has the shape of a pseudonym, or the start of one (for searches). */
export const looksLikePseudonym = (text: string): boolean =>
  /^(a|an|ano|anon|anon-[0-9a-z]{0,4}(-[0-9a-z]{0,4})?)$/i.test(text.trim());

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, link, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The server secret: 32 random bytes in a file of the data folder (mode 0600), made on first
 * use. Keys for secrets kept in the database (webhook signing secrets) are derived from it,
 * so a copy of the database alone reveals none of them. Losing the file makes those secrets
 * unreadable: back it up with the data folder.
 */
export const loadServerSecret = (dataDir: string): Promise<Buffer> =>
  loadSecretFile(dataDir, 'server-secret');

/**
 * A 32-byte secret kept in a file of the data folder (mode 0600), made on first use; shared by
 * every process that shares the folder.
 */
export async function loadSecretFile(dataDir: string, name: string): Promise<Buffer> {
  const file = join(dataDir, name);
  const existing = await readSecretFile(file);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true });
  // Written whole to a temporary file and linked into place: link fails when another process
  // won the race, and nobody ever reads a half-written secret.
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${randomBytes(32).toString('base64')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(temp);
  }
  const made = await readSecretFile(file);
  if (!made) throw new Error(`${file} does not hold a secret`);
  return made;
}

async function readSecretFile(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const secret = Buffer.from(text.trim(), 'base64');
  if (secret.length < 32) throw new Error(`${file} does not hold a 32-byte secret`);
  return secret;
}

/** A 256-bit key for one purpose, derived from the server secret (HKDF-SHA-256). */
export const deriveKey = (serverSecret: Buffer, purpose: string): Buffer =>
  Buffer.from(hkdfSync('sha256', serverSecret, Buffer.alloc(0), purpose, 32));

/**
 * Seals a secret with AES-256-GCM; `context` (say, the workspace) is authenticated with it,
 * so a sealed value copied to another row's context does not open.
 */
export function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, body, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Opens what `seal` made; throws when the key, the context or the value is not the same. */
export function unseal(key: Buffer, sealed: string, context: string): string {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== 'v1' || !iv || !body || !tag) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

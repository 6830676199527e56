import { hash, verify } from '@node-rs/argon2';

// argon2id with the library defaults (19 MiB, 2 passes, 1 lane): OWASP's recommended minimum.
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, for e-mails that match no account. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('casefile-timing-equaliser');
  await verifyPassword(await dummy, password);
}

import { createHmac, randomBytes } from 'node:crypto';
import { deriveKey, loadServerSecret, seal, unseal } from '../../lib/secret-box.ts';

/** What the webhook services need from the server's configuration. */
export interface WebhookEnv {
  /** Hosts the operator allowed although they are not public (CASEFILE_WEBHOOK_ALLOW_HOSTS). */
  readonly allowHosts: readonly string[];
  /** The data folder, whose server secret seals the signing secrets. */
  readonly dataDir: string;
  /** CASEFILE_PSEUDONYM_KEY: payloads name subjects by pseudonym in pseudonymised workspaces. */
  readonly pseudonymKey?: string | undefined;
}

const keys = new Map<string, Promise<Buffer>>();

/** The key that seals signing secrets, derived from the data folder's server secret. */
export function sealingKey(dataDir: string): Promise<Buffer> {
  let key = keys.get(dataDir);
  if (!key) {
    key = loadServerSecret(dataDir).then((s) => deriveKey(s, 'casefile webhook signing secrets'));
    key.catch(() => keys.delete(dataDir));
    keys.set(dataDir, key);
  }
  return key;
}

/** A new signing secret in the Standard Webhooks form: `whsec_` and base64 of 32 random bytes. */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

const context = (workspaceId: number) => `webhook-secret:workspace:${workspaceId}`;

export const sealSecret = async (env: WebhookEnv, workspaceId: number, secret: string) =>
  seal(await sealingKey(env.dataDir), secret, context(workspaceId));

export const unsealSecret = async (env: WebhookEnv, workspaceId: number, sealed: string) =>
  unseal(await sealingKey(env.dataDir), sealed, context(workspaceId));

/**
 * The `webhook-signature` value: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`, keyed
 * with the base64-decoded part of the secret after `whsec_` (Standard Webhooks 1.0).
 */
export function signPayload(secret: string, id: string, timestampSeconds: number, body: string) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key)
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

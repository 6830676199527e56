import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../events/index.ts';
import type { ApiTokensTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import type { Clock } from '../../lib/clock.ts';
import { randomSecret, sha256Hex } from '../../lib/crypto.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import type { Ctx } from '../../context.ts';
import type { CreateApiToken, TokenScope } from '../../../contract/accounts.ts';
import { scopedPermissions, type Actor } from '../access/index.ts';
import { loadActor } from './accounts.service.ts';
import * as repo from './sessions.repo.ts';
import { notifyAccountChanged } from './actor-cache.ts';

const TOKEN_PREFIX = 'cf_';

const scopeOf = (v: string): TokenScope => (v === 'read' || v === 'ingest' ? v : 'full');

const toToken = (row: Selectable<ApiTokensTable>) => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scope: scopeOf(row.scope),
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  expiresAt: row.expiresAt,
});

/** Creates an API token for the actor's own account; the secret is returned only here. */
export async function createToken(ctx: Ctx, input: CreateApiToken) {
  if (ctx.actor.via === 'system') throw forbidden();
  return createTokenFor(ctx.db, ctx.clock, ctx.actor, input.name, input);
}

/** As createToken, for the CLI and tests; full scope and no expiry unless given. */
export async function createTokenFor(
  db: Db,
  clock: Clock,
  actor: Actor,
  name: string,
  options: { scope?: TokenScope; expiresInDays?: number | undefined } = {},
) {
  const token = randomSecret(TOKEN_PREFIX);
  const now = clock.now();
  const at = now.toISOString();
  const scope = options.scope ?? 'full';
  const expiresAt =
    options.expiresInDays === undefined
      ? null
      : new Date(now.getTime() + options.expiresInDays * 86_400_000).toISOString();
  const row = await inTransaction({ db, actor, clock }, async (tx, emit) => {
    const inserted = await repo.insertToken(tx, {
      workspaceId: actor.workspaceId,
      accountId: actor.accountId,
      name,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      createdAt: at,
      scope,
      expiresAt,
    });
    await emit('token.created', {
      workspaceId: actor.workspaceId,
      at,
      targetId: inserted.id,
      after: { name, prefix: inserted.prefix, accountId: actor.accountId, scope, expiresAt },
    });
    return inserted;
  });
  return { ...toToken(row), token };
}

export async function listTokens(ctx: Ctx) {
  return (await repo.listTokensOf(ctx.db, ctx.actor.accountId)).map(toToken);
}

/** Revokes one of the actor's own tokens; not_found for anyone else's. */
export async function revokeToken(ctx: Ctx, id: number): Promise<void> {
  const row = await repo.findToken(ctx.db, ctx.actor.accountId, id);
  if (!row || row.revokedAt) throw notFound('API token');
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    await repo.revokeToken(tx, id, at);
    await emit('token.revoked', {
      workspaceId: ctx.actor.workspaceId,
      at,
      targetId: id,
      before: { name: row.name, prefix: row.prefix },
    });
  });
  notifyAccountChanged(ctx.actor.accountId);
}

// Recording every use would turn each read into a write; once a minute is enough to show use.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The actor behind a bearer token, with its scope's part of the permissions, and when the
 * token expires; undefined when it is unknown, revoked or expired.
 */
export async function authenticateToken(
  db: Db,
  clock: Clock,
  token: string,
): Promise<{ actor: Actor; expiresAt: string | null } | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await repo.findTokenByHash(db, sha256Hex(token));
  const now = clock.now();
  if (!row || row.revokedAt || (row.expiresAt !== null && row.expiresAt <= now.toISOString()))
    return undefined;
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchToken(db, row.id, now.toISOString());
  }
  const actor = await loadActor(db, row.accountId, 'token');
  if (!actor) return undefined;
  // A token carries its scope's part of the role, however much the role may do.
  const tokenScope = scopeOf(row.scope);
  const permissions = scopedPermissions(actor.permissions, tokenScope);
  return { actor: { ...actor, permissions, tokenScope }, expiresAt: row.expiresAt };
}

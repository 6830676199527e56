import type { Db } from '../../db/connection.ts';
import type { ApiTokensTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import type { Clock } from '../../lib/clock.ts';
import { randomSecret, sha256Hex } from '../../lib/crypto.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import type { Ctx } from '../../context.ts';
import type { Actor } from '../access/index.ts';
import { auditActor, recordAudit } from '../audit/index.ts';
import { loadActor } from './accounts.service.ts';
import * as repo from './sessions.repo.ts';
import { notifyAccountChanged } from './actor-cache.ts';

const TOKEN_PREFIX = 'cf_';

const toToken = (row: Selectable<ApiTokensTable>) => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
});

/** Creates an API token for the actor's own account; the secret is returned only here. */
export async function createToken(ctx: Ctx, name: string) {
  if (ctx.actor.via === 'system') throw forbidden();
  return createTokenFor(ctx.db, ctx.clock, ctx.actor, name);
}

/** As createToken, for the CLI. */
export async function createTokenFor(db: Db, clock: Clock, actor: Actor, name: string) {
  const token = randomSecret(TOKEN_PREFIX);
  const at = clock.now().toISOString();
  const row = await db.transaction().execute(async (tx) => {
    const inserted = await repo.insertToken(tx, {
      workspaceId: actor.workspaceId,
      accountId: actor.accountId,
      name,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      createdAt: at,
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      at,
      actor: auditActor(actor),
      action: 'token.created',
      targetType: 'api_token',
      targetId: inserted.id,
      after: { name, prefix: inserted.prefix, accountId: actor.accountId },
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
  await ctx.db.transaction().execute(async (tx) => {
    await repo.revokeToken(tx, id, at);
    await recordAudit(tx, {
      workspaceId: ctx.actor.workspaceId,
      at,
      actor: auditActor(ctx.actor),
      action: 'token.revoked',
      targetType: 'api_token',
      targetId: id,
      before: { name: row.name, prefix: row.prefix },
    });
  });
  notifyAccountChanged(ctx.actor.accountId);
}

// Recording every use would turn each read into a write; once a minute is enough to show use.
const TOUCH_INTERVAL_MS = 60_000;

/** The actor behind a bearer token, or undefined when it is unknown or revoked. */
export async function authenticateToken(
  db: Db,
  clock: Clock,
  token: string,
): Promise<Actor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await repo.findTokenByHash(db, sha256Hex(token));
  if (!row || row.revokedAt) return undefined;
  const now = clock.now();
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchToken(db, row.id, now.toISOString());
  }
  return loadActor(db, row.accountId, 'token');
}

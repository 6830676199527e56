import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { ApiTokensTable, SessionsTable } from '../../db/schema.ts';

export const insertSession = (db: Db, row: Insertable<SessionsTable>) =>
  db.insertInto('sessions').values(row).execute();

export const findSession = (db: Db, id: string) =>
  db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();

export const deleteSession = (db: Db, id: string) =>
  db.deleteFrom('sessions').where('id', '=', id).execute();

export const deleteSessionsOf = (db: Db, accountId: number) =>
  db.deleteFrom('sessions').where('accountId', '=', accountId).execute();

export const deleteExpiredSessions = (db: Db, now: string) =>
  db.deleteFrom('sessions').where('expiresAt', '<=', now).execute();

export const insertToken = (db: Db, row: Insertable<ApiTokensTable>) =>
  db.insertInto('apiTokens').values(row).returningAll().executeTakeFirstOrThrow();

export const findTokenByHash = (db: Db, tokenHash: string) =>
  db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();

export const listTokensOf = (db: Db, accountId: number) =>
  db
    .selectFrom('apiTokens')
    .selectAll()
    .where('accountId', '=', accountId)
    .where('revokedAt', 'is', null)
    .orderBy('id', 'desc')
    .execute();

export const findToken = (db: Db, accountId: number, id: number) =>
  db
    .selectFrom('apiTokens')
    .selectAll()
    .where('accountId', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();

export const revokeToken = (db: Db, id: number, at: string) =>
  db.updateTable('apiTokens').set({ revokedAt: at }).where('id', '=', id).execute();

export const touchToken = (db: Db, id: number, at: string) =>
  db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();

/** Revokes every live token of an account; answers how many were live. */
export async function revokeTokensOf(db: Db, accountId: number, at: string): Promise<number> {
  const rows = await db
    .updateTable('apiTokens')
    .set({ revokedAt: at })
    .where('accountId', '=', accountId)
    .where('revokedAt', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

import type { Db } from '../../db/connection.ts';

/** The reveals of an account that last beyond `now`. */
export const listActiveReveals = (db: Db, workspaceId: number, accountId: number, now: string) =>
  db
    .selectFrom('subjectReveals')
    .select(['subjectId', 'caseId', 'expiresAt'])
    .where('workspaceId', '=', workspaceId)
    .where('accountId', '=', accountId)
    .where('expiresAt', '>', now)
    .execute();

export const insertReveal = (
  db: Db,
  row: {
    workspaceId: number;
    accountId: number;
    subjectId: number;
    caseId: number;
    justification: string;
    createdAt: string;
    expiresAt: string;
  },
) => db.insertInto('subjectReveals').values(row).returning('id').executeTakeFirstOrThrow();

/** Ends an account's reveals of a subject now (the rows stay: they are the record). */
export const endReveals = (
  db: Db,
  workspaceId: number,
  accountId: number,
  subjectId: number,
  now: string,
) =>
  db
    .updateTable('subjectReveals')
    .set({ expiresAt: now })
    .where('workspaceId', '=', workspaceId)
    .where('accountId', '=', accountId)
    .where('subjectId', '=', subjectId)
    .where('expiresAt', '>', now)
    .execute();

/** The reveals made in a case, newest first, with who made them. */
export const listCaseReveals = (db: Db, workspaceId: number, caseId: number, limit: number) =>
  db
    .selectFrom('subjectReveals')
    .innerJoin('accounts', 'accounts.id', 'subjectReveals.accountId')
    .select([
      'subjectReveals.id',
      'subjectReveals.subjectId',
      'subjectReveals.accountId',
      'accounts.name as accountName',
      'subjectReveals.justification',
      'subjectReveals.createdAt',
      'subjectReveals.expiresAt',
    ])
    .where('subjectReveals.workspaceId', '=', workspaceId)
    .where('subjectReveals.caseId', '=', caseId)
    .orderBy('subjectReveals.createdAt', 'desc')
    .orderBy('subjectReveals.id', 'desc')
    .limit(limit)
    .execute();

/** The e-mail (canonical identity) of each subject asked for. */
export const findIdentities = (db: Db, workspaceId: number, ids: number[]) =>
  db
    .selectFrom('subjects')
    .select(['id', 'email', 'name'])
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();

/** Every subject's id and identity in a workspace, for a search by pseudonym. */
export const listIdentities = (db: Db, workspaceId: number) =>
  db
    .selectFrom('subjects')
    .select(['id', 'email'])
    .where('workspaceId', '=', workspaceId)
    .execute();

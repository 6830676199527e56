import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { AccountsTable, RolesTable } from '../../db/schema.ts';

export const findAccount = (db: Db, workspaceId: number, id: number) =>
  db
    .selectFrom('accounts')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();

export const findAccountById = (db: Db, id: number) =>
  db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();

export const findAccountByEmail = (db: Db, workspaceId: number, email: string) =>
  db
    .selectFrom('accounts')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('email', '=', email)
    .executeTakeFirst();

/** Accounts with this e-mail in any workspace, oldest first. */
export const findAccountsByEmail = (db: Db, email: string) =>
  db.selectFrom('accounts').selectAll().where('email', '=', email).orderBy('id').execute();

/** The workspace's accounts by name, each with its role's permissions (JSON text). */
export const listAccounts = (db: Db, workspaceId: number) =>
  db
    .selectFrom('accounts')
    .leftJoin('roles', (j) =>
      j
        .onRef('roles.workspaceId', '=', 'accounts.workspaceId')
        .onRef('roles.key', '=', 'accounts.roleKey'),
    )
    .selectAll('accounts')
    .select('roles.permissions as rolePermissions')
    .where('accounts.workspaceId', '=', workspaceId)
    .orderBy('accounts.name')
    .orderBy('accounts.id')
    .execute();

export const countAccounts = async (db: Db): Promise<number> => {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

export const countActiveAdmins = async (db: Db, workspaceId: number): Promise<number> => {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspaceId', '=', workspaceId)
    .where('roleKey', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

export const insertAccount = (db: Db, values: Insertable<AccountsTable>) =>
  db.insertInto('accounts').values(values).returningAll().executeTakeFirstOrThrow();

export const updateAccount = (db: Db, id: number, values: Updateable<AccountsTable>) =>
  db
    .updateTable('accounts')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const findRole = (db: Db, workspaceId: number, key: string) =>
  db
    .selectFrom('roles')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('key', '=', key)
    .executeTakeFirst();

export const listRoles = (db: Db, workspaceId: number) =>
  db.selectFrom('roles').selectAll().where('workspaceId', '=', workspaceId).orderBy('id').execute();

export const insertRoles = (db: Db, rows: Insertable<RolesTable>[]) =>
  db.insertInto('roles').values(rows).execute();

/** The account with its role's permissions, for building an actor. */
export const findAccountWithRole = (db: Db, accountId: number) =>
  db
    .selectFrom('accounts')
    .innerJoin('roles', (j) =>
      j
        .onRef('roles.workspaceId', '=', 'accounts.workspaceId')
        .onRef('roles.key', '=', 'accounts.roleKey'),
    )
    .select([
      'accounts.id',
      'accounts.workspaceId',
      'accounts.name',
      'accounts.email',
      'accounts.roleKey',
      'accounts.disabled',
      'roles.permissions',
    ])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();

/** Id and display name of each of the given accounts. */
export const findRefs = (db: Db, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('accounts').select(['id', 'name']).where('id', 'in', ids).execute();

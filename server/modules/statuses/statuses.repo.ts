import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { CaseStatusesTable } from '../../db/schema.ts';

export const listStatuses = (db: Db, workspaceId: number) =>
  db
    .selectFrom('caseStatuses')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .orderBy('sortOrder')
    .orderBy('id')
    .execute();

export const findStatus = (db: Db, workspaceId: number, id: number) =>
  db
    .selectFrom('caseStatuses')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();

export const insertStatus = (db: Db, row: Insertable<CaseStatusesTable>) =>
  db.insertInto('caseStatuses').values(row).returningAll().executeTakeFirstOrThrow();

export const updateStatus = (db: Db, id: number, values: Updateable<CaseStatusesTable>) =>
  db
    .updateTable('caseStatuses')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const clearDefault = (db: Db, workspaceId: number, at: string) =>
  db
    .updateTable('caseStatuses')
    .set({ isDefault: 0, updatedAt: at })
    .where('workspaceId', '=', workspaceId)
    .where('isDefault', '=', 1)
    .execute();

export const isStatusInUse = async (db: Db, statusId: number): Promise<boolean> =>
  (await db
    .selectFrom('cases')
    .select('id')
    .where('statusId', '=', statusId)
    .limit(1)
    .executeTakeFirst()) !== undefined;

export const maxOrder = async (db: Db, workspaceId: number): Promise<number> => {
  const row = await db
    .selectFrom('caseStatuses')
    .select((eb) => eb.fn.max('sortOrder').as('m'))
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.m ?? 0);
};

import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { SavedViewRow, SavedViewsTable } from '../../db/schema.ts';

const withOwner = (db: Db) =>
  db
    .selectFrom('savedViews')
    .innerJoin('accounts', 'accounts.id', 'savedViews.ownerId')
    .selectAll('savedViews')
    .select('accounts.name as ownerName');

/** The views of one kind an account sees: its own, and the shared ones of its workspace. */
export const listVisibleViews = (
  db: Db,
  workspaceId: number,
  accountId: number,
  kind: SavedViewRow['kind'],
) =>
  withOwner(db)
    .where('savedViews.workspaceId', '=', workspaceId)
    .where('savedViews.kind', '=', kind)
    .where((eb) =>
      eb.or([eb('savedViews.ownerId', '=', accountId), eb('savedViews.shared', '=', 1)]),
    )
    .orderBy('savedViews.name')
    .orderBy('savedViews.id')
    .execute();

export const findView = (db: Db, workspaceId: number, id: number) =>
  withOwner(db)
    .where('savedViews.workspaceId', '=', workspaceId)
    .where('savedViews.id', '=', id)
    .executeTakeFirst();

export const insertView = async (db: Db, row: Insertable<SavedViewsTable>) =>
  (await db.insertInto('savedViews').values(row).returning('id').executeTakeFirstOrThrow()).id;

export const updateView = (db: Db, id: number, values: Updateable<SavedViewsTable>) =>
  db.updateTable('savedViews').set(values).where('id', '=', id).execute();

export const deleteView = (db: Db, id: number) =>
  db.deleteFrom('savedViews').where('id', '=', id).execute();

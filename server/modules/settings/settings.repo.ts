import type { Db } from '../../db/connection.ts';

export const findSettings = (db: Db, workspaceId: number) =>
  db
    .selectFrom('workspaceSettings')
    .leftJoin('accounts', 'accounts.id', 'workspaceSettings.updatedBy')
    .selectAll('workspaceSettings')
    .select('accounts.name as updatedByName')
    .where('workspaceSettings.workspaceId', '=', workspaceId)
    .executeTakeFirst();

export const saveSettings = (
  db: Db,
  row: { workspaceId: number; settings: string; updatedAt: string; updatedBy: number | null },
) =>
  db
    .insertInto('workspaceSettings')
    .values(row)
    .onConflict((oc) =>
      oc.column('workspaceId').doUpdateSet({
        settings: row.settings,
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
      }),
    )
    .execute();

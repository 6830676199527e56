import type { Db } from '../../db/connection.ts';

export const findMapping = (db: Db, workspaceId: number, source: string) =>
  db
    .selectFrom('alertMappings')
    .leftJoin('accounts', 'accounts.id', 'alertMappings.updatedBy')
    .selectAll('alertMappings')
    .select('accounts.name as updatedByName')
    .where('alertMappings.workspaceId', '=', workspaceId)
    .where('alertMappings.source', '=', source)
    .executeTakeFirst();

export const saveMapping = (
  db: Db,
  row: {
    workspaceId: number;
    source: string;
    fields: string;
    updatedAt: string;
    updatedBy: number | null;
  },
) =>
  db
    .insertInto('alertMappings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspaceId', 'source']).doUpdateSet({
        fields: row.fields,
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
      }),
    )
    .execute();

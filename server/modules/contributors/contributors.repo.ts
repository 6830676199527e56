import type { Db } from '../../db/connection.ts';

export const listContributors = (db: Db, caseId: number) =>
  db
    .selectFrom('caseContributors')
    .innerJoin('accounts as a', 'a.id', 'caseContributors.accountId')
    .leftJoin('accounts as by', 'by.id', 'caseContributors.addedBy')
    .select([
      'a.id',
      'a.name',
      'a.email',
      'caseContributors.addedAt',
      'caseContributors.addedBy',
      'by.name as addedByName',
    ])
    .where('caseContributors.caseId', '=', caseId)
    .orderBy('caseContributors.addedAt')
    .execute();

export const insertContributor = (
  db: Db,
  row: { workspaceId: number; caseId: number; accountId: number; addedAt: string; addedBy: number },
) =>
  db
    .insertInto('caseContributors')
    .values(row)
    .onConflict((oc) => oc.columns(['caseId', 'accountId']).doNothing())
    .execute();

export const deleteContributor = async (
  db: Db,
  caseId: number,
  accountId: number,
): Promise<boolean> => {
  const result = await db
    .deleteFrom('caseContributors')
    .where('caseId', '=', caseId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
};

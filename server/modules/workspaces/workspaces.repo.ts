import type { Db } from '../../db/connection.ts';

/** Takes the workspace's next case number; on PostgreSQL the row lock serialises creators until commit. */
export async function allocateCaseNumber(db: Db, workspaceId: number): Promise<number> {
  const row = await db
    .updateTable('workspaces')
    .set((eb) => ({ nextCaseNumber: eb('nextCaseNumber', '+', 1) }))
    .where('id', '=', workspaceId)
    .returning('nextCaseNumber')
    .executeTakeFirstOrThrow();
  return row.nextCaseNumber - 1;
}

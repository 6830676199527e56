import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { TasksTable } from '../../db/schema.ts';

export function selectTaskViews(db: Db) {
  return db
    .selectFrom('tasks')
    .leftJoin('accounts as ow', 'ow.id', 'tasks.ownerId')
    .leftJoin('accounts as cb', 'cb.id', 'tasks.createdBy')
    .leftJoin('accounts as ub', 'ub.id', 'tasks.updatedBy')
    .selectAll('tasks')
    .select(['ow.name as ownerName', 'cb.name as createdByName', 'ub.name as updatedByName']);
}
export type TaskViewRow = Awaited<
  ReturnType<ReturnType<typeof selectTaskViews>['executeTakeFirstOrThrow']>
>;

export const listTaskViews = (db: Db, caseId: number) =>
  selectTaskViews(db).where('tasks.caseId', '=', caseId).orderBy('tasks.id').execute();

export const findTaskView = (db: Db, id: number) =>
  selectTaskViews(db).where('tasks.id', '=', id).executeTakeFirstOrThrow();

export const findTask = (db: Db, caseId: number, id: number) =>
  db
    .selectFrom('tasks')
    .selectAll()
    .where('caseId', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst();

export const insertTask = (db: Db, row: Insertable<TasksTable>) =>
  db.insertInto('tasks').values(row).returningAll().executeTakeFirstOrThrow();

export const updateTaskAtVersion = (
  db: Db,
  id: number,
  version: number,
  values: Updateable<TasksTable>,
) =>
  db
    .updateTable('tasks')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();

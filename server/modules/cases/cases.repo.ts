import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { CasesTable } from '../../db/schema.ts';
import { alertsCoveredBy } from '../case-links/index.ts';

export const insertCase = (db: Db, row: Insertable<CasesTable>) =>
  db.insertInto('cases').values(row).returningAll().executeTakeFirstOrThrow();

export const findCaseByNumber = (db: Db, workspaceId: number, number: number) =>
  db
    .selectFrom('cases')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('number', '=', number)
    .executeTakeFirst();

/** Updates a case only if it is still at `version`; undefined when someone changed it first. */
export const updateCaseAtVersion = (
  db: Db,
  id: number,
  version: number,
  values: Updateable<CasesTable>,
) =>
  db
    .updateTable('cases')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();

/** Adds to the case's task and comment counters and marks it updated, without a version bump. */
export const adjustCounters = (
  db: Db,
  caseId: number,
  delta: { taskTotal?: number; taskOpen?: number; commentCount?: number },
  at: string,
  by: number | null,
) =>
  db
    .updateTable('cases')
    .set((eb) => ({
      taskTotal: eb('taskTotal', '+', delta.taskTotal ?? 0),
      taskOpen: eb('taskOpen', '+', delta.taskOpen ?? 0),
      commentCount: eb('commentCount', '+', delta.commentCount ?? 0),
      updatedAt: at,
      updatedBy: by,
    }))
    .where('id', '=', caseId)
    .execute();

export const isContributor = async (db: Db, caseId: number, accountId: number): Promise<boolean> =>
  (await db
    .selectFrom('caseContributors')
    .select('accountId')
    .where('caseId', '=', caseId)
    .where('accountId', '=', accountId)
    .executeTakeFirst()) !== undefined;

export const insertSearchDoc = (
  db: Db,
  row: { workspaceId: number; caseId: number; kind: string; refId: number; body: string },
) => db.insertInto('searchDocs').values(row).execute();

export const updateSearchDoc = (db: Db, kind: string, refId: number, body: string) =>
  db
    .updateTable('searchDocs')
    .set({ body })
    .where('kind', '=', kind)
    .where('refId', '=', refId)
    .execute();

/**
 * The case with the names of its status and the accounts it refers to, ready to present. The
 * names come from scalar subqueries rather than joins: a six-table join costs PostgreSQL several
 * milliseconds to plan on every request, far more than running it.
 */
export function selectCaseViews(db: Db) {
  return db
    .selectFrom('cases')
    .selectAll('cases')
    .select((eb) => {
      const nameOf = (
        ref: 'cases.assigneeId' | 'cases.createdBy' | 'cases.updatedBy' | 'cases.resolvedBy',
      ) => eb.selectFrom('accounts').select('accounts.name').whereRef('accounts.id', '=', ref);
      const subject = eb.selectFrom('subjects').whereRef('subjects.id', '=', 'cases.subjectId');
      return [
        eb
          .selectFrom('caseStatuses')
          .select('caseStatuses.name')
          .whereRef('caseStatuses.id', '=', 'cases.statusId')
          .$asScalar()
          .as('statusName'),
        nameOf('cases.assigneeId').as('assigneeName'),
        nameOf('cases.createdBy').as('createdByName'),
        nameOf('cases.updatedBy').as('updatedByName'),
        nameOf('cases.resolvedBy').as('resolvedByName'),
        subject.select('subjects.name').as('subjectName'),
        subject.select('subjects.email').as('subjectEmail'),
        // The alerts the case covers, each counted once.
        sql<number>`(select count(*) from (${alertsCoveredBy(sql.ref('cases.id'))}) covered)`.as(
          'alertCount',
        ),
      ];
    });
}

export type CaseViewRow = Awaited<
  ReturnType<ReturnType<typeof selectCaseViews>['executeTakeFirstOrThrow']>
>;

export const findCaseView = (db: Db, caseId: number) =>
  selectCaseViews(db).where('cases.id', '=', caseId).executeTakeFirstOrThrow();

/** The numbers of the given cases of a workspace, by case id. */
/** The number and subject of each of the given cases. */
export async function findCaseKeys(
  db: Db,
  workspaceId: number,
  ids: readonly number[],
): Promise<Map<number, { number: number; subjectId: number | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'number', 'subjectId'])
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function findCaseNumbers(
  db: Db,
  workspaceId: number,
  ids: readonly number[],
): Promise<Map<number, number>> {
  const keys = await findCaseKeys(db, workspaceId, ids);
  return new Map([...keys].map(([id, k]) => [id, k.number]));
}

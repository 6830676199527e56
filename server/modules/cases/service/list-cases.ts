import { sql, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { ListCasesQuery } from '../../../../contract/cases.ts';
import { TOTAL_CAP, type Total } from '../../../../contract/common.ts';
import type { Ctx } from '../../../context.ts';
import { countUpTo } from '../../../db/count.ts';
import { matchSearchDocs, searchTerms } from '../../../db/dialect.ts';
import type { DB } from '../../../db/schema.ts';
import { decodeCursor, encodeCursor, isCursorValue } from '../../../lib/cursor.ts';
import { invalidInput } from '../../../lib/errors.ts';
import { seesOnlyContributedCases } from '../cases.policy.ts';
import { presentCase, type CaseView } from '../cases.presenter.ts';
import { selectCaseViews } from '../cases.repo.ts';

const sortColumn = {
  updatedAt: 'cases.updatedAt',
  createdAt: 'cases.createdAt',
  priority: 'cases.priorityRank',
  dueAt: 'cases.dueAt',
  number: 'cases.number',
} as const;

type Query = SelectQueryBuilder<DB, 'cases', object>;
type Eb = ExpressionBuilder<DB, 'cases'>;

/** Applies every filter of the queue (not the cursor) to a query over cases. */
function applyFilters<Q extends Query>(ctx: Ctx, query: Q, f: ListCasesQuery): Q {
  let q = query.where('cases.workspaceId', '=', ctx.actor.workspaceId) as Q;
  if (seesOnlyContributedCases(ctx.actor)) {
    q = q.where('cases.id', 'in', (eb: Eb) =>
      eb
        .selectFrom('caseContributors')
        .select('caseContributors.caseId')
        .where('caseContributors.accountId', '=', ctx.actor.accountId),
    ) as Q;
  }
  if (f.status?.length) q = q.where('cases.statusId', 'in', f.status) as Q;
  if (f.category?.length) q = q.where('cases.statusCategory', 'in', f.category) as Q;
  if (f.priority?.length) q = q.where('cases.priority', 'in', f.priority) as Q;
  if (f.assignee === 'none') q = q.where('cases.assigneeId', 'is', null) as Q;
  else if (f.assignee !== undefined)
    q = q.where(
      'cases.assigneeId',
      '=',
      f.assignee === 'me' ? ctx.actor.accountId : f.assignee,
    ) as Q;
  if (f.createdFrom) q = q.where('cases.createdAt', '>=', f.createdFrom) as Q;
  if (f.createdTo) q = q.where('cases.createdAt', '<', f.createdTo) as Q;
  if (f.updatedFrom) q = q.where('cases.updatedAt', '>=', f.updatedFrom) as Q;
  if (f.updatedTo) q = q.where('cases.updatedAt', '<', f.updatedTo) as Q;
  if (f.dueBefore) q = q.where('cases.dueAt', '<', f.dueBefore) as Q;
  const text = f.q?.trim();
  if (text) {
    const asNumber = /^#?(\d{1,9})$/.exec(text)?.[1];
    const terms = searchTerms(text);
    q = q.where((eb: Eb) => {
      const ors = [];
      if (asNumber) ors.push(eb('cases.number', '=', Number(asNumber)));
      if (terms.length > 0) {
        ors.push(
          eb(
            'cases.id',
            'in',
            eb
              .selectFrom('searchDocs')
              .select('searchDocs.caseId')
              .where('searchDocs.workspaceId', '=', ctx.actor.workspaceId)
              .where(matchSearchDocs(ctx.db, terms)),
          ),
        );
      }
      // Text with neither a number nor a word in it matches nothing.
      return ors.length > 0 ? eb.or(ors) : sql<SqlBool>`1 = 0`;
    }) as Q;
  }
  return q;
}

/** Restricts to rows after the cursor's (sort value, id), nulls of dueAt sorting last. */
function applyCursor<Q extends Query>(query: Q, f: ListCasesQuery, cursor: unknown[]): Q {
  const [value, id] = cursor;
  const kind = f.sort === 'number' || f.sort === 'priority' ? 'int' : 'time';
  if (
    typeof id !== 'number' ||
    !(value === null || typeof value === 'string' || typeof value === 'number') ||
    !isCursorValue(id, 'int') ||
    // Only the due date is ever null (cases without one sort last).
    (value === null ? f.sort !== 'dueAt' : !isCursorValue(value, kind))
  ) {
    throw invalidInput('The cursor is not valid', [
      { path: 'query.cursor', message: 'malformed cursor' },
    ]);
  }
  const col = sortColumn[f.sort];
  const cmp = f.order === 'asc' ? '>' : '<';
  return query.where((eb: Eb) => {
    if (value === null) return eb.and([eb(col, 'is', null), eb('cases.id', cmp, id)]);
    const after = eb(eb.refTuple(col, 'cases.id'), cmp, eb.tuple(value, id));
    return f.sort === 'dueAt' ? eb.or([after, eb(col, 'is', null)]) : after;
  }) as Q;
}

type PageRow = Parameters<typeof presentCase>[0];
type CasePage = { items: CaseView[]; nextCursor: string | null; total?: Total };
type SortValue = string | number | null;

const sortValueOf = (sort: ListCasesQuery['sort'], r: PageRow): SortValue =>
  ({
    updatedAt: r.updatedAt,
    createdAt: r.createdAt,
    priority: r.priorityRank,
    dueAt: r.dueAt,
    number: r.number,
  })[sort];

/** The queue's order in JavaScript, identical to the SQL one: sort key (nulls last), then id. */
function compareRows(f: ListCasesQuery): (a: PageRow, b: PageRow) => number {
  const dir = f.order === 'asc' ? 1 : -1;
  return (a, b) => {
    const x = sortValueOf(f.sort, a);
    const y = sortValueOf(f.sort, b);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      return (x < y ? -1 : 1) * dir;
    }
    return (a.id - b.id) * dir;
  };
}

/** Up to limit + 1 rows of the queue after the cursor, in the queue's order. */
async function fetchRows(
  ctx: Ctx,
  f: ListCasesQuery,
  cursor: unknown[] | undefined,
): Promise<PageRow[]> {
  const col = sortColumn[f.sort];
  let query = applyFilters(ctx, selectCaseViews(ctx.db) as unknown as Query, f);
  if (cursor) query = applyCursor(query, f, cursor);
  const ordered =
    f.sort === 'dueAt'
      ? query
          .orderBy(sql`${sql.ref(col)} is null`)
          .orderBy(col, f.order)
          .orderBy('cases.id', f.order)
      : query.orderBy(col, f.order).orderBy('cases.id', f.order);
  return (await ordered.limit(f.limit + 1).execute()) as unknown as PageRow[];
}

/**
 * The queue: filtered, sorted, one page at a time, for what the actor may see.
 *
 * With several categories (the usual "new, active" queue), no index yields rows in sort order:
 * both engines would read and sort every matching case. So each category is read on its own
 * (an index range in sort order, stopping after limit + 1 rows) and the pages are merged here.
 */
export async function listCases(ctx: Ctx, f: ListCasesQuery): Promise<CasePage> {
  let cursor: unknown[] | undefined;
  if (f.cursor) {
    cursor = decodeCursor(f.cursor);
    if (!cursor)
      throw invalidInput('The cursor is not valid', [
        { path: 'query.cursor', message: 'malformed cursor' },
      ]);
  }
  const categories = [...new Set(f.category ?? [])];
  const rows =
    categories.length > 1 && !f.q?.trim()
      ? (
          await Promise.all(
            categories.map((category) => fetchRows(ctx, { ...f, category: [category] }, cursor)),
          )
        )
          .flat()
          .sort(compareRows(f))
          .slice(0, f.limit + 1)
      : await fetchRows(ctx, f, cursor);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const result: CasePage = {
    items: page.map(presentCase),
    nextCursor:
      rows.length > f.limit && last ? encodeCursor([sortValueOf(f.sort, last), last.id]) : null,
  };
  if (f.total) {
    const filtered = applyFilters(ctx, ctx.db.selectFrom('cases') as unknown as Query, f);
    result.total = await countUpTo(ctx.db, filtered, TOTAL_CAP);
  }
  return result;
}

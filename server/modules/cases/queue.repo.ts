import { sql, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { matchSearchDocs, searchTerms } from '../../db/dialect.ts';
import { keysetPage, type Keyset, type KeyValue } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { selectCaseViews, type CaseViewRow } from './cases.repo.ts';

export type CaseSort = 'updatedAt' | 'createdAt' | 'priority' | 'dueAt' | 'number';

/** What the queue shows, already resolved for the actor (`me`, guests' own cases). */
export interface CaseQueueFilter {
  workspaceId: number;
  /** Only the cases this account contributes to (a guest's view). */
  contributorId?: number | undefined;
  status?: number[] | undefined;
  category?: string[] | undefined;
  priority?: string[] | undefined;
  /** An account id, or null for unassigned cases. */
  assigneeId?: number | null | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  updatedFrom?: string | undefined;
  updatedTo?: string | undefined;
  dueBefore?: string | undefined;
  subject?: number | undefined;
  q?: string | undefined;
  /** Subjects whose cases the words of `q` may not find: it names them, and they are hidden. */
  hiddenSubjectIds?: number[] | undefined;
}

const sortColumn = {
  updatedAt: 'cases.updatedAt',
  createdAt: 'cases.createdAt',
  priority: 'cases.priorityRank',
  dueAt: 'cases.dueAt',
  number: 'cases.number',
} as const;

/** The queue's order for a sort: its column then the id; cases without a due date sort last. */
export const caseKeys = (sort: CaseSort, order: 'asc' | 'desc'): Keyset => ({
  columns: [sortColumn[sort], 'cases.id'],
  kinds: [sort === 'number' || sort === 'priority' ? 'int' : 'time', 'int'],
  order,
  nullsLast: sort === 'dueAt',
});

/** A row's position in the queue's order. */
export const caseKeyOf = (sort: CaseSort, r: CaseViewRow): KeyValue[] => [
  {
    updatedAt: r.updatedAt,
    createdAt: r.createdAt,
    priority: r.priorityRank,
    dueAt: r.dueAt,
    number: r.number,
  }[sort],
  r.id,
];

type Query = SelectQueryBuilder<DB, 'cases', object>;
type Eb = ExpressionBuilder<DB, 'cases'>;

/** Applies every filter of the queue (not the cursor) to a query over cases. */
function applyFilters<Q extends Query>(db: Db, query: Q, f: CaseQueueFilter): Q {
  let q = query.where('cases.workspaceId', '=', f.workspaceId) as Q;
  if (f.contributorId !== undefined) {
    const accountId = f.contributorId;
    q = q.where('cases.id', 'in', (eb: Eb) =>
      eb
        .selectFrom('caseContributors')
        .select('caseContributors.caseId')
        .where('caseContributors.accountId', '=', accountId),
    ) as Q;
  }
  if (f.status?.length) q = q.where('cases.statusId', 'in', f.status) as Q;
  if (f.category?.length) q = q.where('cases.statusCategory', 'in', f.category) as Q;
  if (f.priority?.length) q = q.where('cases.priority', 'in', f.priority) as Q;
  if (f.assigneeId === null) q = q.where('cases.assigneeId', 'is', null) as Q;
  else if (f.assigneeId !== undefined) q = q.where('cases.assigneeId', '=', f.assigneeId) as Q;
  if (f.createdFrom) q = q.where('cases.createdAt', '>=', f.createdFrom) as Q;
  if (f.createdTo) q = q.where('cases.createdAt', '<', f.createdTo) as Q;
  if (f.updatedFrom) q = q.where('cases.updatedAt', '>=', f.updatedFrom) as Q;
  if (f.updatedTo) q = q.where('cases.updatedAt', '<', f.updatedTo) as Q;
  if (f.dueBefore) q = q.where('cases.dueAt', '<', f.dueBefore) as Q;
  if (f.subject !== undefined) q = q.where('cases.subjectId', '=', f.subject) as Q;
  const text = f.q?.trim();
  if (text) {
    const asNumber = /^#?(\d{1,9})$/.exec(text)?.[1];
    const terms = searchTerms(text);
    q = q.where((eb: Eb) => {
      const ors = [];
      if (asNumber) ors.push(eb('cases.number', '=', Number(asNumber)));
      if (terms.length > 0) {
        const words = eb(
          'cases.id',
          'in',
          eb
            .selectFrom('searchDocs')
            .select('searchDocs.caseId')
            .where('searchDocs.workspaceId', '=', f.workspaceId)
            .where(matchSearchDocs(db, terms)),
        );
        const hidden = f.hiddenSubjectIds ?? [];
        ors.push(
          hidden.length === 0
            ? words
            : eb.and([
                words,
                eb.or([eb('cases.subjectId', 'is', null), eb('cases.subjectId', 'not in', hidden)]),
              ]),
        );
      }
      // Text with neither a number nor a word in it matches nothing.
      return ors.length > 0 ? eb.or(ors) : sql<SqlBool>`1 = 0`;
    }) as Q;
  }
  return q;
}

/** Up to limit + 1 cases of the queue after `after`, in the keyset's order, ready to present. */
export const listCaseQueue = (
  db: Db,
  f: CaseQueueFilter,
  keys: Keyset,
  after: KeyValue[] | undefined,
  limit: number,
) =>
  keysetPage(
    applyFilters(db, selectCaseViews(db) as unknown as Query, f),
    keys,
    after,
    limit,
  ).execute() as unknown as Promise<CaseViewRow[]>;

/** The queue's filtered cases without order or page, for counting. */
export const selectCaseQueueIds = (db: Db, f: CaseQueueFilter) =>
  applyFilters(db, db.selectFrom('cases') as unknown as Query, f);

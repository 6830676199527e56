import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { Db } from '../../db/connection.ts';
import { alertTextMatchTable, matchAlertText } from '../../db/dialect.ts';
import { keysetPage, type Keyset, type KeyValue } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { alertsCoveredBy } from '../case-links/index.ts';
import { selectAlertIds, selectAlertViews, type AlertViewRow } from './alerts.repo.ts';

export type AlertSort = 'detectedAt' | 'severity' | 'riskScore';

/** What the alert queue shows (not its text search). */
export interface AlertQueueFilter {
  workspaceId: number;
  status?: string[] | undefined;
  /** By rank, which the severity indexes hold: a count of one severity reads only the index. */
  severityRanks?: number[] | undefined;
  source?: string[] | undefined;
  dismissCategory?: string[] | undefined;
  subject?: number | undefined;
  incident?: number | undefined;
  detectedFrom?: string | undefined;
  detectedTo?: string | undefined;
  /** The alerts a case covers, by its number. */
  caseNumber?: number | undefined;
}

/**
 * What one query of a text search matches: its words, the alerts of some subjects, or both.
 * With `driven` (SQLite, few matches), the query is read from the text matches first.
 */
export interface AlertSearch {
  terms: string[];
  words: boolean;
  subjectIds: number[];
  driven: boolean;
  /** Subjects whose alerts the words may not find: the text names them, hidden (pseudonymised). */
  hiddenSubjectIds?: number[];
}

const sortColumn = {
  detectedAt: 'alerts.detectedAt',
  severity: 'alerts.severityRank',
  riskScore: 'alerts.riskScore',
} as const;

/** The queue's order for a sort: its column, then the id. */
export const alertKeys = (sort: AlertSort, order: 'asc' | 'desc'): Keyset => ({
  columns: [sortColumn[sort], 'alerts.id'],
  kinds: [sort === 'detectedAt' ? 'time' : 'int', 'int'],
  order,
});

/** A row's position in the queue's order. */
export const alertKeyOf = (sort: AlertSort, r: AlertViewRow): KeyValue[] => [
  { detectedAt: r.detectedAt, severity: r.severityRank, riskScore: r.riskScore }[sort],
  r.id,
];

type Query = SelectQueryBuilder<DB, 'alerts', object>;
type Eb = ExpressionBuilder<DB, 'alerts'>;

function applyFilters<Q extends Query>(
  db: Db,
  query: Q,
  f: AlertQueueFilter,
  search: AlertSearch | undefined,
): Q {
  const ws = f.workspaceId;
  let q = query.where('alerts.workspaceId', '=', ws) as Q;
  if (f.status?.length) q = q.where('alerts.status', 'in', f.status) as Q;
  if (f.severityRanks?.length) q = q.where('alerts.severityRank', 'in', f.severityRanks) as Q;
  if (f.source?.length) q = q.where('alerts.source', 'in', f.source) as Q;
  if (f.dismissCategory?.length)
    q = q.where('alerts.dismissCategory', 'in', f.dismissCategory) as Q;
  if (f.subject !== undefined) q = q.where('alerts.subjectId', '=', f.subject) as Q;
  if (f.incident !== undefined) q = q.where('alerts.incidentId', '=', f.incident) as Q;
  if (f.detectedFrom) q = q.where('alerts.detectedAt', '>=', f.detectedFrom) as Q;
  if (f.detectedTo) q = q.where('alerts.detectedAt', '<', f.detectedTo) as Q;
  if (f.caseNumber !== undefined) {
    // The alerts the case covers, as one id list: the filter never scans the workspace's alerts.
    q = q.where(
      'alerts.id',
      'in',
      sql<number>`(${alertsCoveredBy(
        sql`(select c.id from cases c where c.workspace_id = ${ws} and c.number = ${f.caseNumber})`,
      )})`,
    ) as Q;
  }
  const hidden = search?.words ? (search.hiddenSubjectIds ?? []) : [];
  if (hidden.length > 0)
    q = q.where((eb: Eb) =>
      eb.or([eb('alerts.subjectId', 'is', null), eb('alerts.subjectId', 'not in', hidden)]),
    ) as Q;
  if (search && !search.driven) {
    q = q.where((eb: Eb) => {
      const ors: Array<Expression<SqlBool>> = [];
      if (search.words && search.terms.length > 0) ors.push(matchAlertText(db, search.terms));
      if (search.subjectIds.length > 0) ors.push(eb('alerts.subjectId', 'in', search.subjectIds));
      return ors.length > 0 ? eb.or(ors) : sql<SqlBool>`1 = 0`;
    }) as Q;
  }
  return q;
}

const matchesOf = (search: AlertSearch | undefined) =>
  search?.driven ? alertTextMatchTable(search.terms) : undefined;

/** Up to limit + 1 alerts of the queue after `after` that one search matches, ready to present. */
export const listAlertQueue = (
  db: Db,
  f: AlertQueueFilter,
  search: AlertSearch | undefined,
  keys: Keyset,
  after: KeyValue[] | undefined,
  limit: number,
) =>
  keysetPage(
    applyFilters(db, selectAlertViews(db, matchesOf(search)) as unknown as Query, f, search),
    keys,
    after,
    limit,
  ).execute() as unknown as Promise<AlertViewRow[]>;

/** The ids of the queue's alerts that one search matches, without order or page, for counting. */
export const selectAlertQueueIds = (db: Db, f: AlertQueueFilter, search: AlertSearch | undefined) =>
  applyFilters(db, selectAlertIds(db, matchesOf(search)) as unknown as Query, f, search);

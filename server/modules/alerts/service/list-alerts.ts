import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { ListAlertsQuery } from '../../../../contract/alerts.ts';
import { TOTAL_CAP, type Total } from '../../../../contract/common.ts';
import type { Ctx } from '../../../context.ts';
import { countUpTo } from '../../../db/count.ts';
import {
  alertTextMatchTable,
  countAlertTextMatches,
  isPostgres,
  matchAlertText,
  searchTerms,
} from '../../../db/dialect.ts';
import type { DB } from '../../../db/schema.ts';
import { decodeCursor, encodeCursor, isCursorValue } from '../../../lib/cursor.ts';
import { forbidden, invalidInput, notFound } from '../../../lib/errors.ts';
import { alertsCoveredBy, linkedCaseNumbers } from '../../case-links/index.ts';
import { findSubjectIdsByText } from '../../subjects/index.ts';
import { canViewAlerts } from '../alerts.policy.ts';
import { presentAlert, severityRanks, type AlertView } from '../alerts.presenter.ts';
import * as repo from '../alerts.repo.ts';

const sortColumn = {
  detectedAt: 'alerts.detectedAt',
  severity: 'alerts.severityRank',
  riskScore: 'alerts.riskScore',
} as const;

type Query = SelectQueryBuilder<DB, 'alerts', object>;
type Eb = ExpressionBuilder<DB, 'alerts'>;

const badCursor = () =>
  invalidInput('The cursor is not valid', [{ path: 'query.cursor', message: 'malformed cursor' }]);

/** What one query of a search matches: its words, the alerts of some subjects, or both. */
interface Search {
  /** On SQLite, the base query already holds only the text matches. */
  driven: boolean;
  words: boolean;
  subjectIds: number[];
}

function applyFilters<Q extends Query>(
  ctx: Ctx,
  query: Q,
  f: ListAlertsQuery,
  search: Search = { driven: false, words: true, subjectIds: [] },
): Q {
  const ws = ctx.actor.workspaceId;
  let q = query.where('alerts.workspaceId', '=', ws) as Q;
  if (f.status?.length) q = q.where('alerts.status', 'in', f.status) as Q;
  // By rank, which the severity indexes hold: a count of one severity reads only the index.
  if (f.severity?.length) q = q.where('alerts.severityRank', 'in', severityRanks(f.severity)) as Q;
  if (f.source?.length) q = q.where('alerts.source', 'in', f.source) as Q;
  if (f.dismissCategory?.length)
    q = q.where('alerts.dismissCategory', 'in', f.dismissCategory) as Q;
  if (f.subject !== undefined) q = q.where('alerts.subjectId', '=', f.subject) as Q;
  if (f.incident !== undefined) q = q.where('alerts.incidentId', '=', f.incident) as Q;
  if (f.detectedFrom) q = q.where('alerts.detectedAt', '>=', f.detectedFrom) as Q;
  if (f.detectedTo) q = q.where('alerts.detectedAt', '<', f.detectedTo) as Q;
  if (f.case !== undefined) {
    const caseNumber = f.case;
    // The alerts the case covers, as one id list: the filter never scans the workspace's alerts.
    q = q.where(
      'alerts.id',
      'in',
      sql<number>`(${alertsCoveredBy(
        sql`(select c.id from cases c where c.workspace_id = ${ws} and c.number = ${caseNumber})`,
      )})`,
    ) as Q;
  }
  const text = f.q?.trim();
  if (text && !search.driven) {
    const terms = searchTerms(text);
    q = q.where((eb: Eb) => {
      const ors: Array<Expression<SqlBool>> = [];
      if (search.words && terms.length > 0) ors.push(matchAlertText(ctx.db, terms));
      if (search.subjectIds.length > 0) ors.push(eb('alerts.subjectId', 'in', search.subjectIds));
      return ors.length > 0 ? eb.or(ors) : sql<SqlBool>`1 = 0`;
    }) as Q;
  }
  return q;
}

/** Up to this many matches, a text search on SQLite reads its matches first, then sorts them. */
const FEW_MATCHES = 2000;

/** A search names at most this many people; a longer list means the text is too vague. */
const SUBJECTS_SEARCHED = 50;

/**
 * The queries a search runs, each with what it matches. Words and people are asked apart and
 * their pages merged: an OR of a text match and a subject list has no index to follow in the
 * queue's order. On SQLite, rare words are read from the text index first.
 */
async function planSearch(
  ctx: Ctx,
  f: ListAlertsQuery,
  from: (matches?: MatchTable) => Query,
): Promise<Array<{ query: Query; search: Search }>> {
  const text = f.q?.trim() ?? '';
  if (!text) return [{ query: from(), search: { driven: false, words: false, subjectIds: [] } }];
  const terms = searchTerms(text);
  const subjectIds = await findSubjectIdsByText(
    ctx.db,
    ctx.actor.workspaceId,
    text,
    SUBJECTS_SEARCHED,
  );
  const people = { query: from(), search: { driven: false, words: false, subjectIds } };
  if (terms.length === 0) return [people];
  let words = { query: from(), search: { driven: false, words: true, subjectIds: [] as number[] } };
  if (!isPostgres(ctx.db)) {
    const few = (await countAlertTextMatches(ctx.db, terms, FEW_MATCHES)) < FEW_MATCHES;
    if (few)
      words = {
        query: from(alertTextMatchTable(terms)),
        search: { driven: true, words: true, subjectIds: [] },
      };
  }
  return subjectIds.length === 0 ? [words] : [words, people];
}

type MatchTable = ReturnType<typeof alertTextMatchTable>;
const viewsFrom = (ctx: Ctx) => (matches?: MatchTable) =>
  repo.selectAlertViews(ctx.db, matches) as unknown as Query;
const idsFrom = (ctx: Ctx) => (matches?: MatchTable) =>
  repo.selectAlertIds(ctx.db, matches) as unknown as Query;

/**
 * The alerts queue: filtered, searched (words, or a subject's name or e-mail), sorted, one
 * keyset page at a time, counted on request. Throws forbidden for guests, invalid_input.
 */
export async function listAlerts(
  ctx: Ctx,
  f: ListAlertsQuery,
): Promise<{ items: AlertView[]; nextCursor: string | null; total?: Total }> {
  if (!canViewAlerts(ctx.actor)) throw forbidden();
  const col = sortColumn[f.sort];
  let after: [string | number, number] | undefined;
  if (f.cursor) {
    const [value, id] = decodeCursor(f.cursor) ?? [];
    const kind = f.sort === 'detectedAt' ? 'time' : 'int';
    if (
      typeof id !== 'number' ||
      !(typeof value === 'string' || typeof value === 'number') ||
      !isCursorValue(id, 'int') ||
      !isCursorValue(value, kind)
    )
      throw badCursor();
    after = [value, id];
  }
  const sortValue = (r: repo.AlertViewRow) =>
    ({ detectedAt: r.detectedAt, severity: r.severityRank, riskScore: r.riskScore })[f.sort];
  const parts = await planSearch(ctx, f, viewsFrom(ctx));
  const pages = await Promise.all(
    parts.map(async ({ query: base, search }) => {
      let query = applyFilters(ctx, base, f, search);
      if (after) {
        const [value, id] = after;
        const cmp = f.order === 'asc' ? '>' : '<';
        query = query.where((eb: Eb) =>
          eb(eb.refTuple(col, 'alerts.id'), cmp, eb.tuple(value, id)),
        );
      }
      return (await query
        .orderBy(col, f.order)
        .orderBy('alerts.id', f.order)
        .limit(f.limit + 1)
        .execute()) as unknown as repo.AlertViewRow[];
    }),
  );
  // Two queries (words, people): their pages merged in the queue's order, each alert once.
  const dir = f.order === 'asc' ? 1 : -1;
  const rows = [...new Map(pages.flat().map((r) => [r.id, r])).values()]
    .sort((x, y) => {
      const a = sortValue(x);
      const b = sortValue(y);
      return (a === b ? x.id - y.id : a < b ? -1 : 1) * dir;
    })
    .slice(0, f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const result: { items: AlertView[]; nextCursor: string | null; total?: Total } = {
    items: page.map(presentAlert),
    nextCursor: rows.length > f.limit && last ? encodeCursor([sortValue(last), last.id]) : null,
  };
  if (f.total) {
    // Words and people are counted in one query: an OR costs at most the cap's rows here.
    const [words, people] = await planSearch(ctx, f, idsFrom(ctx));
    const filtered = people
      ? applyFilters(ctx, idsFrom(ctx)(), f, { ...people.search, words: true })
      : applyFilters(ctx, words!.query, f, words!.search);
    result.total = await countUpTo(ctx.db, filtered, TOTAL_CAP);
  }
  return result;
}

/** The sources alerts of the workspace came from, by name. Throws forbidden for guests. */
export async function listAlertSources(ctx: Ctx) {
  if (!canViewAlerts(ctx.actor)) throw forbidden();
  return { items: await repo.listSources(ctx.db, ctx.actor.workspaceId) };
}

/** One alert with its entities, events, raw payload and linked cases. Throws forbidden, not_found. */
export async function getAlert(ctx: Ctx, id: number) {
  if (!canViewAlerts(ctx.actor)) throw forbidden();
  const row = await repo.findAlert(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound(`Alert ${id}`);
  return {
    ...presentAlert(await repo.findAlertView(ctx.db, id)),
    entities: await repo.entitiesOf(ctx.db, id),
    events: JSON.parse(row.events) as Array<Record<string, unknown>>,
    payload: JSON.parse(row.payload) as unknown,
    caseNumbers: await linkedCaseNumbers(ctx.db, 'alert', id),
  };
}

/** The given alerts of the workspace, newest first, as queues show them. */
export async function presentAlertsById(ctx: Ctx, ids: number[]): Promise<AlertView[]> {
  if (ids.length === 0) return [];
  const rows = await repo
    .selectAlertViews(ctx.db)
    .where('alerts.workspaceId', '=', ctx.actor.workspaceId)
    .where('alerts.id', 'in', ids)
    .orderBy('alerts.detectedAt', 'desc')
    .orderBy('alerts.id', 'desc')
    .execute();
  return rows.map(presentAlert);
}

import { sql, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { ListAlertsQuery } from '../../../../contract/alerts.ts';
import type { Ctx } from '../../../context.ts';
import {
  alertTextMatchTable,
  countAlertTextMatches,
  isPostgres,
  matchAlertText,
  searchTerms,
} from '../../../db/dialect.ts';
import type { DB } from '../../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../../lib/cursor.ts';
import { forbidden, invalidInput, notFound } from '../../../lib/errors.ts';
import { canViewAlerts } from '../alerts.policy.ts';
import { presentAlert, type AlertView } from '../alerts.presenter.ts';
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

function applyFilters<Q extends Query>(ctx: Ctx, query: Q, f: ListAlertsQuery, driven = false): Q {
  const ws = ctx.actor.workspaceId;
  let q = query.where('alerts.workspaceId', '=', ws) as Q;
  if (f.status?.length) q = q.where('alerts.status', 'in', f.status) as Q;
  if (f.severity?.length) q = q.where('alerts.severity', 'in', f.severity) as Q;
  if (f.source?.length) q = q.where('alerts.source', 'in', f.source) as Q;
  if (f.dismissCategory?.length)
    q = q.where('alerts.dismissCategory', 'in', f.dismissCategory) as Q;
  if (f.subject !== undefined) q = q.where('alerts.subjectId', '=', f.subject) as Q;
  if (f.incident !== undefined) q = q.where('alerts.incidentId', '=', f.incident) as Q;
  if (f.detectedFrom) q = q.where('alerts.detectedAt', '>=', f.detectedFrom) as Q;
  if (f.detectedTo) q = q.where('alerts.detectedAt', '<', f.detectedTo) as Q;
  if (f.case !== undefined) {
    const caseNumber = f.case;
    // The case's alerts, linked directly or through an incident, as one id list: each half
    // reads an index, so the filter never scans the workspace's alerts.
    q = q.where(
      'alerts.id',
      'in',
      sql<number>`(select l1.ref_id from case_links l1 join cases c1 on c1.id = l1.case_id
          where c1.workspace_id = ${ws} and c1.number = ${caseNumber} and l1.kind = 'alert'
        union
        select a2.id from case_links l2 join cases c2 on c2.id = l2.case_id
          join alerts a2 on a2.incident_id = l2.ref_id
          where c2.workspace_id = ${ws} and c2.number = ${caseNumber} and l2.kind = 'incident')`,
    ) as Q;
  }
  const text = f.q?.trim();
  if (text && !driven) {
    const terms = searchTerms(text);
    q = q.where(terms.length > 0 ? matchAlertText(ctx.db, terms) : sql<SqlBool>`1 = 0`) as Q;
  }
  return q;
}

/** Up to this many matches, a text search on SQLite reads its matches first, then sorts them. */
const FEW_MATCHES = 2000;

/** The base query: on SQLite, driven from the text matches when the words are rare. */
async function baseQuery(ctx: Ctx, f: ListAlertsQuery): Promise<{ query: Query; driven: boolean }> {
  const terms = f.q?.trim() ? searchTerms(f.q) : [];
  if (terms.length > 0 && !isPostgres(ctx.db)) {
    const few = (await countAlertTextMatches(ctx.db, terms, FEW_MATCHES)) < FEW_MATCHES;
    if (few) {
      const query = repo.selectAlertViews(ctx.db, alertTextMatchTable(terms));
      return { query: query as unknown as Query, driven: true };
    }
  }
  return { query: repo.selectAlertViews(ctx.db) as unknown as Query, driven: false };
}

/** The alerts queue: filtered, searched, sorted, one keyset page at a time. Throws forbidden for guests. */
export async function listAlerts(
  ctx: Ctx,
  f: ListAlertsQuery,
): Promise<{ items: AlertView[]; nextCursor: string | null }> {
  if (!canViewAlerts(ctx.actor)) throw forbidden();
  const col = sortColumn[f.sort];
  const base = await baseQuery(ctx, f);
  let query = applyFilters(ctx, base.query, f, base.driven);
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    const [value, id] = c ?? [];
    if (typeof id !== 'number' || !(typeof value === 'string' || typeof value === 'number'))
      throw badCursor();
    const cmp = f.order === 'asc' ? '>' : '<';
    query = query.where((eb: Eb) => eb(eb.refTuple(col, 'alerts.id'), cmp, eb.tuple(value, id)));
  }
  const rows = (await query
    .orderBy(col, f.order)
    .orderBy('alerts.id', f.order)
    .limit(f.limit + 1)
    .execute()) as unknown as repo.AlertViewRow[];
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const sortValue = (r: repo.AlertViewRow) =>
    ({ detectedAt: r.detectedAt, severity: r.severityRank, riskScore: r.riskScore })[f.sort];
  return {
    items: page.map(presentAlert),
    nextCursor: rows.length > f.limit && last ? encodeCursor([sortValue(last), last.id]) : null,
  };
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
    caseNumbers: await repo.linkedCaseNumbers(ctx.db, 'alert', id),
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

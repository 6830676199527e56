import type { ListAlertsQuery } from '../../../../contract/alerts.ts';
import { TOTAL_CAP, type Total } from '../../../../contract/common.ts';
import type { Ctx } from '../../../context.ts';
import { countUpTo } from '../../../db/count.ts';
import { countAlertTextMatches, isPostgres, searchTerms } from '../../../db/dialect.ts';
import { compareKeys, pageOf, readCursor } from '../../../db/keyset.ts';
import { forbidden, notFound } from '../../../lib/errors.ts';
import { linkedCaseNumbers } from '../../case-links/index.ts';
import { subjectsNamedBy } from '../../subjects/index.ts';
import { canViewAlerts } from '../alerts.policy.ts';
import { presentAlert, severityRanks, type AlertView } from '../alerts.presenter.ts';
import * as repo from '../alerts.repo.ts';
import {
  alertKeyOf,
  alertKeys,
  listAlertQueue,
  selectAlertQueueIds,
  type AlertQueueFilter,
  type AlertSearch,
} from '../queue.repo.ts';

/** Up to this many matches, a text search on SQLite reads its matches first, then sorts them. */
const FEW_MATCHES = 2000;

/** A search names at most this many people; a longer list means the text is too vague. */
const SUBJECTS_SEARCHED = 50;

/**
 * The searches a text runs, one query each (none: no text). Words and people are asked apart
 * and their pages merged: an OR of a text match and a subject list has no index to follow in
 * the queue's order. On SQLite, rare words are read from the text index first.
 */
async function planSearch(ctx: Ctx, f: ListAlertsQuery): Promise<Array<AlertSearch | undefined>> {
  const text = f.q?.trim() ?? '';
  if (!text) return [undefined];
  const terms = searchTerms(text);
  const named = await subjectsNamedBy(ctx, text, SUBJECTS_SEARCHED);
  const subjectIds = named.visible;
  const people: AlertSearch = { terms, words: false, subjectIds, driven: false };
  if (terms.length === 0) return [people];
  const words: AlertSearch = {
    terms,
    words: true,
    subjectIds: [],
    driven: false,
    hiddenSubjectIds: named.hidden,
  };
  if (!isPostgres(ctx.db))
    words.driven = (await countAlertTextMatches(ctx.db, terms, FEW_MATCHES)) < FEW_MATCHES;
  return subjectIds.length === 0 ? [words] : [words, people];
}

/**
 * The alerts queue: filtered, searched (words, or a subject's name or e-mail), sorted, one
 * keyset page at a time, counted on request. Throws forbidden for guests, invalid_input.
 */
export async function listAlerts(
  ctx: Ctx,
  f: ListAlertsQuery,
): Promise<{ items: AlertView[]; nextCursor: string | null; total?: Total }> {
  if (!canViewAlerts(ctx.actor)) throw forbidden();
  const keys = alertKeys(f.sort, f.order);
  const after = readCursor(f.cursor, keys);
  const filter: AlertQueueFilter = {
    ...f,
    workspaceId: ctx.actor.workspaceId,
    severityRanks: f.severity ? severityRanks(f.severity) : undefined,
    caseNumber: f.case,
  };
  const searches = await planSearch(ctx, f);
  const pages = await Promise.all(
    searches.map((search) => listAlertQueue(ctx.db, filter, search, keys, after, f.limit)),
  );
  // Two queries (words, people): their pages merged in the queue's order, each alert once.
  const keyOf = (r: repo.AlertViewRow) => alertKeyOf(f.sort, r);
  const byKey = compareKeys(keys);
  const rows = [...new Map(pages.flat().map((r) => [r.id, r])).values()]
    .sort((x, y) => byKey(keyOf(x), keyOf(y)))
    .slice(0, f.limit + 1);
  const { page, nextCursor } = pageOf(rows, f.limit, keyOf);
  const result: { items: AlertView[]; nextCursor: string | null; total?: Total } = {
    items: page.map(presentAlert),
    nextCursor,
  };
  if (f.total) {
    // Words and people are counted in one query: an OR costs at most the cap's rows here.
    const [words, people] = searches;
    const counted = people ? { ...people, words: true } : words;
    result.total = await countUpTo(ctx.db, selectAlertQueueIds(ctx.db, filter, counted), TOTAL_CAP);
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

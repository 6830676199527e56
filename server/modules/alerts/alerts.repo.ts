import { type AliasedRawBuilder, type Insertable, type SelectQueryBuilder } from 'kysely';
import { chunks } from '../../db/bulk.ts';
import type { Db } from '../../db/connection.ts';
import type { AlertEntitiesTable, AlertsTable, DB } from '../../db/schema.ts';

/**
 * Ids of the alerts already stored under the given (source, externalId) keys. Asked as two
 * value lists (sources, external ids) and narrowed to the exact pairs here: a list of row
 * tuples costs PostgreSQL tens of milliseconds to plan per few hundred keys.
 */
export async function findByKeys(db: Db, workspaceId: number, keys: Array<[string, string]>) {
  const rows = [];
  for (const part of chunks(keys, 1000)) {
    const wanted = new Set(part.map(([source, externalId]) => `${source}\u0000${externalId}`));
    const found = await db
      .selectFrom('alerts')
      .select(['id', 'source', 'externalId', 'incidentId'])
      .where('workspaceId', '=', workspaceId)
      .where('source', 'in', [...new Set(part.map((k) => k[0]))])
      .where(
        'externalId',
        'in',
        part.map((k) => k[1]),
      )
      .execute();
    rows.push(...found.filter((r) => wanted.has(`${r.source}\u0000${r.externalId}`)));
  }
  return rows;
}

/**
 * Inserts alerts; one whose key already exists is skipped by the unique constraint, so a
 * concurrent redelivery never makes a second row. Returns the rows inserted.
 */
export async function insertAlerts(db: Db, rows: Insertable<AlertsTable>[]) {
  const out = [];
  for (const part of chunks(rows)) {
    out.push(
      ...(await db
        .insertInto('alerts')
        .values(part)
        .onConflict((oc) => oc.columns(['workspaceId', 'source', 'externalId']).doNothing())
        .returning(['id', 'source', 'externalId'])
        .execute()),
    );
  }
  return out;
}

export async function insertEntities(db: Db, rows: Insertable<AlertEntitiesTable>[]) {
  for (const part of chunks(rows, 2000))
    await db.insertInto('alertEntities').values(part).execute();
}

type MatchTable = AliasedRawBuilder<{ rid: number }, 'm'>;

/** The alerts, or with `matches` (a table `m(rid)` of ids) those alerts, read from the ids first. */
const fromAlerts = (db: Db, matches?: MatchTable) =>
  matches
    ? (db
        .selectFrom(matches)
        .crossJoin('alerts')
        .whereRef('alerts.id', '=', 'm.rid') as unknown as SelectQueryBuilder<DB, 'alerts', object>)
    : db.selectFrom('alerts');

/**
 * Alerts with their subject's and triager's names, ready to present. With `matches` (a table
 * `m(rid)` of alert ids), the query is read from those ids first: SQLite keeps the table order
 * of a CROSS JOIN.
 */
export function selectAlertViews(db: Db, matches?: MatchTable) {
  return fromAlerts(db, matches)
    .leftJoin('subjects as sj', 'sj.id', 'alerts.subjectId')
    .leftJoin('accounts as tb', 'tb.id', 'alerts.triagedBy')
    .select([
      'alerts.id',
      'alerts.source',
      'alerts.externalId',
      'alerts.title',
      'alerts.description',
      'alerts.severity',
      'alerts.severityRank',
      'alerts.riskScore',
      'alerts.status',
      'alerts.detectedAt',
      'alerts.receivedAt',
      'alerts.subjectId',
      'alerts.incidentId',
      'alerts.triagedAt',
      'alerts.triagedBy',
      'alerts.dismissReason',
      'alerts.dismissCategory',
      'alerts.correlationKey',
      'alerts.sourceStatus',
      'alerts.sourceSeverity',
      'sj.name as subjectName',
      'sj.email as subjectEmail',
      'tb.name as triagedByName',
    ]);
}
export type AlertViewRow = Awaited<
  ReturnType<ReturnType<typeof selectAlertViews>['executeTakeFirstOrThrow']>
>;

export const findAlert = (db: Db, workspaceId: number, id: number) =>
  db
    .selectFrom('alerts')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();

/** Status and subject of the given alerts of the workspace; missing ids are left out. */
export async function findTriageStates(db: Db, workspaceId: number, ids: number[]) {
  const rows = [];
  for (const part of chunks(ids)) {
    rows.push(
      ...(await db
        .selectFrom('alerts')
        .select(['id', 'status', 'subjectId'])
        .where('workspaceId', '=', workspaceId)
        .where('id', 'in', part)
        .execute()),
    );
  }
  return rows;
}

export const findAlertView = (db: Db, id: number) =>
  selectAlertViews(db).where('alerts.id', '=', id).executeTakeFirstOrThrow();

export const entitiesOf = (db: Db, alertId: number) =>
  db
    .selectFrom('alertEntities')
    .select(['type', 'value'])
    .where('alertId', '=', alertId)
    .orderBy('id')
    .execute();

/**
 * Moves an alert out of needs_review. Undefined when it was no longer waiting: someone else
 * triaged it first (the loser of a race gets nothing back).
 */
export const triageAlert = (
  db: Db,
  workspaceId: number,
  id: number,
  values: {
    status: string;
    triagedAt: string;
    triagedBy: number | null;
    dismissReason: string | null;
    dismissCategory?: string | null;
  },
) =>
  db
    .updateTable('alerts')
    .set(values)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .where('status', '=', 'needs_review')
    .returning('id')
    .executeTakeFirst();

/** Dismissed alerts of the workspace per category, read from the category index. */
export const countDismissals = (db: Db, workspaceId: number) =>
  db
    .selectFrom('alerts')
    .select(['dismissCategory', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspaceId', '=', workspaceId)
    .where('dismissCategory', 'is not', null)
    .groupBy('dismissCategory')
    .execute();

/** Alert ids alone, for counting what a queue filter matches; `matches` as in selectAlertViews. */
export function selectAlertIds(db: Db, matches?: MatchTable) {
  return fromAlerts(db, matches).select('alerts.id');
}

/** Records that alerts of these sources arrived at `at`. */
export async function touchSources(db: Db, workspaceId: number, sources: string[], at: string) {
  if (sources.length === 0) return;
  await db
    .insertInto('alertSources')
    .values(sources.map((source) => ({ workspaceId, source, firstSeenAt: at, lastSeenAt: at })))
    .onConflict((oc) =>
      oc
        .columns(['workspaceId', 'source'])
        .doUpdateSet({ lastSeenAt: (eb) => eb.ref('excluded.lastSeenAt') }),
    )
    .execute();
}

/** The workspace's alert sources by name. */
export const listSources = (db: Db, workspaceId: number) =>
  db
    .selectFrom('alertSources')
    .select(['source', 'lastSeenAt'])
    .where('workspaceId', '=', workspaceId)
    .orderBy('source')
    .execute();

/** A subject's alerts counted per severity and status. */
export const countBySubject = (db: Db, workspaceId: number, subjectId: number) =>
  db
    .selectFrom('alerts')
    .select((eb) => ['severity', 'status', eb.fn.countAll<number | string>().as('count')])
    .where('subjectId', '=', subjectId)
    .where('workspaceId', '=', workspaceId)
    .groupBy(['severity', 'status'])
    .execute();

import type { Insertable } from 'kysely';
import { chunks, type ColumnKind } from '../../db/bulk.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import type { Db } from '../../db/connection.ts';
import type { ActivityEventsTable, SubjectActivityDaysTable } from '../../db/schema.ts';

/**
 * The (source, externalId) keys of the given ones that are stored already. Asked as two value
 * lists and narrowed to the exact pairs here, as alerts are: row tuples cost PostgreSQL
 * planning time.
 */
export async function findStoredKeys(
  db: Db,
  workspaceId: number,
  keys: Array<[string, string]>,
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(keys, 1000)) {
    const wanted = new Set(part.map(([source, externalId]) => `${source}\u0000${externalId}`));
    const found = await db
      .selectFrom('activityEvents')
      .select(['source', 'externalId'])
      .where('workspaceId', '=', workspaceId)
      .where('source', 'in', [...new Set(part.map((k) => k[0]))])
      .where(
        'externalId',
        'in',
        part.map((k) => k[1]),
      )
      .execute();
    for (const r of found) {
      const key = `${r.source}\u0000${r.externalId}`;
      if (wanted.has(key)) out.add(key);
    }
  }
  return out;
}

type EventRow = Insertable<ActivityEventsTable>;
const eventColumns: Array<[keyof EventRow, string, ColumnKind]> = [
  ['workspaceId', 'workspace_id', 'integer'],
  ['source', 'source', 'text'],
  ['externalId', 'external_id', 'text'],
  ['subjectId', 'subject_id', 'integer'],
  ['occurredAt', 'occurred_at', 'time'],
  ['receivedAt', 'received_at', 'time'],
  ['category', 'category', 'text'],
  ['activityType', 'activity_type', 'text'],
  ['riskScore', 'risk_score', 'integer'],
  ['indicators', 'indicators', 'text'],
  ['sequenceId', 'sequence_id', 'text'],
  ['object', 'object', 'text'],
  ['objectName', 'object_name', 'text'],
  ['sensitivityLabel', 'sensitivity_label', 'text'],
  ['alertId', 'alert_id', 'integer'],
  ['payload', 'payload', 'text'],
];

const eventsInsert = {
  table: 'activity_events',
  columns: eventColumns.map(([, column, kind]) => [column, kind] as const),
  onConflict: 'on conflict (workspace_id, source, external_id) do nothing',
};

/**
 * Inserts events in a few bulk statements (`bulkInsert`). One whose key exists is skipped by
 * the unique constraint, so a concurrent redelivery never makes a second row. Answers how many
 * were inserted.
 */
export const insertEvents = (db: Db, rows: EventRow[]): Promise<number> =>
  bulkInsert(
    db,
    eventsInsert,
    rows.map((r) => eventColumns.map(([key]) => r[key] ?? null)),
  );

/**
 * The stored rollup rows of the given subjects on the given days (all categories). Asked as
 * two value lists; the caller keeps the (subject, day) pairs it needs.
 */
export async function findDays(db: Db, workspaceId: number, subjectIds: number[], days: string[]) {
  const rows = [];
  for (const part of chunks(subjectIds, 1000)) {
    rows.push(
      ...(await db
        .selectFrom('subjectActivityDays')
        .selectAll()
        .where('workspaceId', '=', workspaceId)
        .where('subjectId', 'in', part)
        .where('day', 'in', days)
        .execute()),
    );
  }
  return rows;
}

const daysUpsert = {
  table: 'subject_activity_days',
  columns: [
    ['workspace_id', 'integer'],
    ['subject_id', 'integer'],
    ['day', 'text'],
    ['category', 'text'],
    ['event_count', 'integer'],
    ['max_score', 'integer'],
    ['score_sum', 'integer'],
    ['indicators', 'text'],
  ] as const,
  onConflict: `on conflict (workspace_id, subject_id, day, category) do update set
    event_count = excluded.event_count, max_score = excluded.max_score,
    score_sum = excluded.score_sum, indicators = excluded.indicators`,
};

/** Writes merged rollup rows over the stored ones, or as new rows. */
export async function upsertDays(db: Db, rows: Insertable<SubjectActivityDaysTable>[]) {
  await bulkInsert(
    db,
    daysUpsert,
    rows.map((r) => [
      r.workspaceId,
      r.subjectId,
      r.day,
      r.category,
      r.eventCount,
      r.maxScore,
      r.scoreSum,
      r.indicators,
    ]),
  );
}

/**
 * A subject's rollup totals from `from` to `to` (days, inclusive), by day and category, for the
 * timeline: without the indicator counts, most of a row's bytes (890 KB of a heavy subject's
 * 6 months, against 120 KB without).
 */
export const listDayTotals = (
  db: Db,
  workspaceId: number,
  subjectId: number,
  from: string,
  to: string,
) =>
  db
    .selectFrom('subjectActivityDays')
    .select(['day', 'category', 'eventCount', 'maxScore', 'scoreSum'])
    .where('workspaceId', '=', workspaceId)
    .where('subjectId', '=', subjectId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .orderBy('category')
    .execute();

/** A subject's rollup rows from `from` to `to` (days, inclusive), by day and category. */
export const listDays = (
  db: Db,
  workspaceId: number,
  subjectId: number,
  from: string,
  to: string,
) =>
  db
    .selectFrom('subjectActivityDays')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('subjectId', '=', subjectId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .orderBy('category')
    .execute();

/**
 * Each day's highest score of the given subjects from `from` to `to` (days, inclusive), across
 * categories: what their risk scores are worked out from. At most 30 rows a subject for a window
 * of 30 days.
 */
export async function listDayMaxima(
  db: Db,
  workspaceId: number,
  subjectIds: number[],
  from: string,
  to: string,
) {
  const rows = [];
  for (const part of chunks(subjectIds, 1000)) {
    rows.push(
      ...(await db
        .selectFrom('subjectActivityDays')
        .select((eb) => ['subjectId', 'day', eb.fn.max('maxScore').as('maxScore')])
        .where('workspaceId', '=', workspaceId)
        .where('subjectId', 'in', part)
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy(['subjectId', 'day'])
        .execute()),
    );
  }
  return rows;
}

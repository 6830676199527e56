import type { Insertable } from 'kysely';
import { chunks } from '../../db/bulk.ts';
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

/**
 * Inserts events; one whose key exists is skipped by the unique constraint, so a concurrent
 * redelivery never makes a second row. Answers how many were inserted.
 */
export async function insertEvents(
  db: Db,
  rows: Insertable<ActivityEventsTable>[],
): Promise<number> {
  let inserted = 0;
  // 19 columns: 1,000 rows stay under both engines' bound-parameter limits (32,766 / 65,535).
  for (const part of chunks(rows, 1000)) {
    const res = await db
      .insertInto('activityEvents')
      .values(part)
      .onConflict((oc) => oc.columns(['workspaceId', 'source', 'externalId']).doNothing())
      .executeTakeFirst();
    inserted += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

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

/** Writes merged rollup rows over the stored ones (or as new rows). */
export async function upsertDays(db: Db, rows: Insertable<SubjectActivityDaysTable>[]) {
  for (const part of chunks(rows, 1000)) {
    await db
      .insertInto('subjectActivityDays')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['workspaceId', 'subjectId', 'day', 'category']).doUpdateSet((eb) => ({
          eventCount: eb.ref('excluded.eventCount'),
          maxScore: eb.ref('excluded.maxScore'),
          scoreSum: eb.ref('excluded.scoreSum'),
          indicators: eb.ref('excluded.indicators'),
        })),
      )
      .execute();
  }
}

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

import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { holdsText, utcTimePrefix } from '../../db/dialect.ts';
import { keysetPage, type KeyValue, type Keyset } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { alertsCoveredBy } from '../case-links/index.ts';

/**
 * One subject's activity events as the timeline and the explorer select them. Every filter is
 * the same SQL in both, so a bucket of the timeline and the explorer's list for the same
 * window, category and scope count exactly the same events.
 */
export interface EventFilter {
  subjectId: number;
  /** Inclusive. */
  from?: string | undefined;
  /** Exclusive. */
  to?: string | undefined;
  categories?: readonly string[] | undefined;
  activityTypes?: readonly string[] | undefined;
  indicator?: string | undefined;
  reviewed?: boolean | undefined;
  alertId?: number | undefined;
  /** The events linked to the alerts this case (by number) covers. */
  caseNumber?: number | undefined;
}

type Q = SelectQueryBuilder<DB, 'activityEvents', object>;

function where(db: Db, ws: number, f: EventFilter): Q {
  let q = db
    .selectFrom('activityEvents')
    .where('activityEvents.workspaceId', '=', ws)
    .where('activityEvents.subjectId', '=', f.subjectId);
  if (f.from !== undefined) q = q.where('activityEvents.occurredAt', '>=', f.from);
  if (f.to !== undefined) q = q.where('activityEvents.occurredAt', '<', f.to);
  if (f.categories?.length) q = q.where('activityEvents.category', 'in', [...f.categories]);
  if (f.activityTypes?.length)
    q = q.where('activityEvents.activityType', 'in', [...f.activityTypes]);
  if (f.indicator !== undefined)
    // Indicators are stored as JSON `[{"name":…,"score":…}]`: the quoted name after its key
    // matches that name only, never a longer one holding it.
    q = q.where(
      holdsText(db, 'activityEvents.indicators', `{"name":${JSON.stringify(f.indicator)},`),
    );
  if (f.reviewed !== undefined)
    q = q.where('activityEvents.reviewedAt', f.reviewed ? 'is not' : 'is', null);
  if (f.alertId !== undefined) q = q.where('activityEvents.alertId', '=', f.alertId);
  if (f.caseNumber !== undefined)
    q = q.where(
      'activityEvents.alertId',
      'in',
      sql<number>`(${alertsCoveredBy(
        sql`(select c.id from cases c where c.workspace_id = ${ws} and c.number = ${f.caseNumber})`,
      )})`,
    );
  return q;
}

export const eventKeys = {
  occurredAt: {
    columns: ['activityEvents.occurredAt', 'activityEvents.id'],
    kinds: ['time', 'int'],
  },
  riskScore: { columns: ['activityEvents.riskScore', 'activityEvents.id'], kinds: ['int', 'int'] },
} as const;

const listColumns = [
  'activityEvents.id',
  'activityEvents.subjectId',
  'activityEvents.occurredAt',
  'activityEvents.category',
  'activityEvents.activityType',
  'activityEvents.riskScore',
  'activityEvents.indicators',
  'activityEvents.sequenceId',
  'activityEvents.objectName',
  'activityEvents.sensitivityLabel',
  'activityEvents.alertId',
  'activityEvents.reviewedAt',
  'activityEvents.reviewedBy',
] as const;

/** One page of events in the keyset's order, with the reviewer's name; limit + 1 rows. */
export const listEvents = (
  db: Db,
  ws: number,
  f: EventFilter,
  keys: Keyset,
  after: readonly KeyValue[] | undefined,
  limit: number,
) =>
  keysetPage(
    where(db, ws, f)
      .leftJoin('accounts as reviewer', 'reviewer.id', 'activityEvents.reviewedBy')
      .select([...listColumns, 'reviewer.name as reviewerName']),
    keys,
    after,
    limit,
  ).execute();

export type EventListRow = Awaited<ReturnType<typeof listEvents>>[number];

/** The filtered query, for counting (`countUpTo`). */
export const filteredEvents = (db: Db, ws: number, f: EventFilter) =>
  where(db, ws, f).select('activityEvents.id');

/** Per UTC hour or day and category: count, highest and sum of the risk scores. */
export const bucketEvents = (db: Db, ws: number, f: EventFilter, unit: 'hour' | 'day') => {
  const bucket = utcTimePrefix(db, 'activityEvents.occurredAt', unit);
  return where(db, ws, f)
    .select([
      bucket.as('bucket'),
      'activityEvents.category',
      sql<number | string>`count(*)`.as('count'),
      sql<number | string>`max(activity_events.risk_score)`.as('maxScore'),
      sql<number | string>`sum(activity_events.risk_score)`.as('scoreSum'),
    ])
    .groupBy([bucket, 'activityEvents.category'])
    .orderBy(bucket)
    .orderBy('activityEvents.category')
    .execute();
};

/** Up to `limit` events of the window in time order, for the timeline's bubbles. */
export const timelineEvents = (db: Db, ws: number, f: EventFilter, limit: number) =>
  where(db, ws, f)
    .select([
      'activityEvents.id',
      'activityEvents.occurredAt',
      'activityEvents.category',
      'activityEvents.activityType',
      'activityEvents.riskScore',
      'activityEvents.sequenceId',
      'activityEvents.alertId',
    ])
    .orderBy('activityEvents.occurredAt')
    .orderBy('activityEvents.id')
    .limit(limit)
    .execute();

/** One event with every column and its reviewer's name. */
export const findEvent = (db: Db, ws: number, id: number) =>
  db
    .selectFrom('activityEvents')
    .leftJoin('accounts as reviewer', 'reviewer.id', 'activityEvents.reviewedBy')
    .selectAll('activityEvents')
    .select('reviewer.name as reviewerName')
    .where('activityEvents.workspaceId', '=', ws)
    .where('activityEvents.id', '=', id)
    .executeTakeFirst();

/** The given events of the workspace that exist, with their subjects. */
export const findEventSubjects = (db: Db, ws: number, ids: number[]) =>
  db
    .selectFrom('activityEvents')
    .select(['id', 'subjectId'])
    .where('workspaceId', '=', ws)
    .where('id', 'in', ids)
    .execute();

/**
 * Marks events reviewed (by, at) or unreviewed; only those whose mark changes are written.
 * Answers them with their subjects.
 */
export const setReviewed = (
  db: Db,
  ws: number,
  ids: number[],
  mark: { at: string; by: number } | null,
) =>
  db
    .updateTable('activityEvents')
    .set({ reviewedAt: mark?.at ?? null, reviewedBy: mark?.by ?? null })
    .where('workspaceId', '=', ws)
    .where('id', 'in', ids)
    .where('reviewedAt', mark ? 'is' : 'is not', null)
    .returning(['id', 'subjectId'])
    .execute();

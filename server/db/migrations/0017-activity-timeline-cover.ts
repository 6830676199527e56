import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * The timeline's hourly buckets group a window's events by hour and category and sum their
 * risk scores: `activity_events_subject` (0012) now also carries `category` and `risk_score`
 * after its time order, so that count reads the index alone, never the event rows (a week of a
 * heavy subject's 7,800 events: half the time on SQLite). Its order, and so the explorer's
 * time-ordered pages, is unchanged.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('activity_events_subject').execute();
  await db.schema
    .createIndex('activity_events_subject')
    .on('activity_events')
    .columns(['workspace_id', 'subject_id', 'occurred_at', 'id', 'category', 'risk_score'])
    .execute();
}

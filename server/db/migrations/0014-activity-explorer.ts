import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * The activity explorer's orders and filters over one subject's events, each a range of one
 * index however many events the subject has: by risk score (then id), and by category in time
 * order (the timeline's drill-down and the category filter). Time order alone uses
 * `activity_events_subject` from 0012; a case's events are found by `activity_events_alert`.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('activity_events_subject_score')
    .on('activity_events')
    .columns(['workspace_id', 'subject_id', 'risk_score', 'id'])
    .execute();
  await db.schema
    .createIndex('activity_events_subject_category')
    .on('activity_events')
    .columns(['workspace_id', 'subject_id', 'category', 'occurred_at', 'id'])
    .execute();
}

import type { Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * Scored activity events of subjects, and their per-day rollup. `activity_events` is unique on
 * (workspace, source, external id), read by subject in time order and by alert.
 * `subject_activity_days` holds, per subject, UTC day and category, the count, highest and sum
 * of the events' risk scores and the top indicators (JSON): the timeline and the risk score
 * read these hundreds of rows, never the millions of events. It is written in the transaction
 * that stores the events.
 */
export async function up(db: AnyDb): Promise<void> {
  const { time, id, idCol } = columnTypes(db);
  await db.schema
    .createTable('activity_events')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subjects.id'))
    .addColumn('occurred_at', time, (c) => c.notNull())
    .addColumn('received_at', time, (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('activity_type', 'text', (c) => c.notNull())
    .addColumn('risk_score', 'integer', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('sequence_id', 'text')
    .addColumn('object', 'text')
    .addColumn('object_name', 'text')
    .addColumn('sensitivity_label', 'text')
    .addColumn('alert_id', 'integer', (c) => c.references('alerts.id'))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', time)
    .addColumn('reviewed_by', 'integer', (c) => c.references('accounts.id'))
    .addUniqueConstraint('activity_events_workspace_key', ['workspace_id', 'source', 'external_id'])
    .execute();
  await db.schema
    .createIndex('activity_events_subject')
    .on('activity_events')
    .columns(['workspace_id', 'subject_id', 'occurred_at', 'id'])
    .execute();
  await db.schema
    .createIndex('activity_events_alert')
    .on('activity_events')
    .columns(['workspace_id', 'alert_id'])
    .execute();

  await db.schema
    .createTable('subject_activity_days')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subjects.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('max_score', 'integer', (c) => c.notNull())
    .addColumn('score_sum', 'integer', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subject_activity_days_pk', [
      'workspace_id',
      'subject_id',
      'day',
      'category',
    ])
    .execute();
}

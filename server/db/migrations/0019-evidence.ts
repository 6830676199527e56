import type { Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * Evidence of cases and its chain of custody. An evidence item names its bytes by SHA-256 (the
 * blob store keeps one copy of identical bytes, which may back several items); the name and
 * claimed type are what the client said, the detected type what the bytes are. Items are never
 * updated but to be removed (a tombstone with a reason: the bytes stay) or to move their
 * custody head. `evidence_custody` is append-only: each entry's hash covers the entry and the
 * previous entry's hash, the first one's the item's SHA-256, so an altered, removed or
 * reordered entry breaks the chain. `cases.legal_hold_at` is set while a case is under legal
 * hold: its evidence cannot be removed then.
 */
export async function up(db: AnyDb): Promise<void> {
  const { time, id, idCol } = columnTypes(db);
  await db.schema.alterTable('cases').addColumn('legal_hold_at', time).execute();
  await db.schema
    .createTable('evidence_items')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('claimed_type', 'text')
    .addColumn('detected_type', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('evidence_items.id'))
    .addColumn('acquired_at', time)
    .addColumn('acquisition_method', 'text')
    .addColumn('captured_at', time)
    .addColumn('activity_id', 'integer', (c) => c.references('activity_events.id'))
    .addColumn('alert_id', 'integer', (c) => c.references('alerts.id'))
    .addColumn('added_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('added_at', time, (c) => c.notNull())
    .addColumn('removed_at', time)
    .addColumn('removed_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('removal_reason', 'text')
    .addColumn('custody_seq', 'integer', (c) => c.notNull())
    .addColumn('custody_head', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('evidence_items_case')
    .on('evidence_items')
    .columns(['workspace_id', 'case_id', 'added_at', 'id'])
    .execute();
  await db.schema
    .createIndex('evidence_items_sha256')
    .on('evidence_items')
    .columns(['workspace_id', 'sha256'])
    .execute();
  await db.schema
    .createTable('evidence_custody')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('evidence_id', 'integer', (c) => c.notNull().references('evidence_items.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('accounts.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', time, (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('purpose', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_custody_pk', ['workspace_id', 'evidence_id', 'seq'])
    .execute();
}

import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * What the server works out from evidence bytes, never changing them: the parsed form of an
 * e-mail (`evidence_messages`, one row per item of kind email, pending until its job ran), its
 * attachments (decoded bytes kept in the blob store under their SHA-256, and the evidence item
 * made from one once it was added as evidence of its own), and thumbnails of captures
 * (`evidence_thumbnails`, the picture a derived blob). JSON columns are text on both engines.
 */
export async function up(db: AnyDb): Promise<void> {
  const { time } = columnTypes(db);
  const item = (c: ColumnDefinitionBuilder) => c.notNull().references('evidence_items.id');
  await db.schema
    .createTable('evidence_messages')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('evidence_id', 'integer', item)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('failure', 'text')
    .addColumn('headers', 'text')
    .addColumn('raw_headers', 'text')
    .addColumn('raw_headers_bytes', 'integer')
    .addColumn('mail_from', 'text')
    .addColumn('mail_to', 'text')
    .addColumn('mail_cc', 'text')
    .addColumn('reply_to', 'text')
    .addColumn('subject', 'text')
    .addColumn('date_header', 'text')
    .addColumn('sent_at', time)
    .addColumn('message_id', 'text')
    .addColumn('text_body', 'text')
    .addColumn('html_body', 'text')
    .addColumn('truncated', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_messages_pk', ['workspace_id', 'evidence_id'])
    .execute();
  await db.schema
    .createTable('evidence_message_attachments')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('evidence_id', 'integer', item)
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('detected_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text')
    .addColumn('disposition', 'text')
    .addColumn('item_id', 'integer', (c) => c.references('evidence_items.id'))
    .addPrimaryKeyConstraint('evidence_message_attachments_pk', [
      'workspace_id',
      'evidence_id',
      'idx',
    ])
    .execute();
  await db.schema
    .createTable('evidence_thumbnails')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('evidence_id', 'integer', item)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('failure', 'text')
    .addColumn('sha256', 'text')
    .addColumn('media_type', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('size_bytes', 'integer')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_thumbnails_pk', ['workspace_id', 'evidence_id'])
    .execute();
}

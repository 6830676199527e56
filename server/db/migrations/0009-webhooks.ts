import type { Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * Outbound webhook subscriptions and their deliveries. A subscription's signing secret is
 * stored sealed (AES-256-GCM under a key derived from the server secret outside the database),
 * never in plain text. `cursor_seq` is the last audit sequence the subscription has handled.
 * A delivery is one event for one subscription, unique on (subscription, event sequence), so a
 * consumer that runs twice never sends an event twice; its `webhook_id` stays the same across
 * retries so receivers can drop duplicates.
 */
export async function up(db: AnyDb): Promise<void> {
  const { time, id, idCol } = columnTypes(db);
  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('disabled_reason', 'text')
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('cursor_seq', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_subscriptions_workspace')
    .on('webhook_subscriptions')
    .columns(['workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('subscription_id', 'integer', (c) =>
      c.notNull().references('webhook_subscriptions.id').onDelete('cascade'),
    )
    .addColumn('event_seq', 'integer', (c) => c.notNull())
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_attempt_at', time)
    .addColumn('next_attempt_at', time)
    .addColumn('delivered_at', time)
    .addColumn('created_at', time, (c) => c.notNull())
    .addUniqueConstraint('webhook_deliveries_subscription_seq', ['subscription_id', 'event_seq'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_list')
    .on('webhook_deliveries')
    .columns(['workspace_id', 'subscription_id', 'id'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .columns(['state', 'next_attempt_at'])
    .execute();
}

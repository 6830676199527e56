import type { Insertable, Updateable } from 'kysely';
import { keysetPage, type Keyset, type KeyValue } from '../../db/keyset.ts';
import type { Db } from '../../db/connection.ts';
import type {
  WebhookDeliveriesTable,
  WebhookDeliveryRow,
  WebhookSubscriptionsTable,
} from '../../db/schema.ts';

const withNames = (db: Db) =>
  db
    .selectFrom('webhookSubscriptions as w')
    .leftJoin('accounts as c', 'c.id', 'w.createdBy')
    .leftJoin('accounts as u', 'u.id', 'w.updatedBy')
    .selectAll('w')
    .select(['c.name as createdByName', 'u.name as updatedByName']);

export type SubscriptionWithNames = Awaited<ReturnType<typeof findSubscription>> & object;

export const listSubscriptions = (db: Db, workspaceId: number) =>
  withNames(db).where('w.workspaceId', '=', workspaceId).orderBy('w.id').execute();

export const findSubscription = (db: Db, workspaceId: number, id: number) =>
  withNames(db).where('w.workspaceId', '=', workspaceId).where('w.id', '=', id).executeTakeFirst();

export const insertSubscription = async (db: Db, row: Insertable<WebhookSubscriptionsTable>) =>
  (
    await db
      .insertInto('webhookSubscriptions')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

/** Changes a subscription only at the version given; false when it moved on. */
export async function updateSubscriptionAtVersion(
  db: Db,
  id: number,
  version: number,
  values: Updateable<WebhookSubscriptionsTable>,
): Promise<boolean> {
  const res = await db
    .updateTable('webhookSubscriptions')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export const updateSubscription = (
  db: Db,
  id: number,
  values: Updateable<WebhookSubscriptionsTable>,
) =>
  db
    .updateTable('webhookSubscriptions')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();

export const setCursor = (db: Db, id: number, cursorSeq: number) =>
  db.updateTable('webhookSubscriptions').set({ cursorSeq }).where('id', '=', id).execute();

/** Moves a subscription's cursor forward to `seq`; never back (a replay sits behind it). */
export const advanceCursor = (db: Db, id: number, seq: number) =>
  db
    .updateTable('webhookSubscriptions')
    .set({ cursorSeq: seq })
    .where('id', '=', id)
    .where('cursorSeq', '<', seq)
    .execute();

/** A subscription by id alone, for the driver that runs for every workspace. */
export const findSubscriptionById = (db: Db, id: number) =>
  db.selectFrom('webhookSubscriptions').selectAll().where('id', '=', id).executeTakeFirst();

/** The ids of the enabled subscriptions of a workspace, or of every workspace. */
export const enabledSubscriptions = (db: Db, workspaceId?: number) =>
  db
    .selectFrom('webhookSubscriptions')
    .select(['id', 'workspaceId', 'cursorSeq'])
    .where('enabled', '=', 1)
    .$if(workspaceId !== undefined, (qb) => qb.where('workspaceId', '=', workspaceId!))
    .orderBy('id')
    .execute();

/** Pending deliveries of a subscription (at or before a sequence number), due by `now`. */
export const duePendingDeliveries = (
  db: Db,
  subscriptionId: number,
  opts: { throughSeq?: number; now: string; limit: number },
) =>
  db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('subscriptionId', '=', subscriptionId)
    .where('state', '=', 'pending')
    .$if(opts.throughSeq !== undefined, (qb) => qb.where('eventSeq', '<=', opts.throughSeq!))
    .where('nextAttemptAt', '<=', opts.now)
    .orderBy('eventSeq')
    .limit(opts.limit)
    .execute();

/** The earliest pending delivery after a sequence number: the head of the stream, retrying. */
export const firstPendingAfter = (db: Db, subscriptionId: number, seq: number) =>
  db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('subscriptionId', '=', subscriptionId)
    .where('state', '=', 'pending')
    .where('eventSeq', '>', seq)
    .orderBy('eventSeq')
    .limit(1)
    .executeTakeFirst();

export async function deleteSubscription(db: Db, id: number): Promise<void> {
  await db.deleteFrom('webhookDeliveries').where('subscriptionId', '=', id).execute();
  await db.deleteFrom('webhookSubscriptions').where('id', '=', id).execute();
}

// Deliveries

export const findDelivery = (db: Db, subscriptionId: number, id: number) =>
  db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('subscriptionId', '=', subscriptionId)
    .where('id', '=', id)
    .executeTakeFirst();

export const findDeliveryForEvent = (db: Db, subscriptionId: number, eventSeq: number) =>
  db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('subscriptionId', '=', subscriptionId)
    .where('eventSeq', '=', eventSeq)
    .executeTakeFirst();

/** The delivery of an event to a subscription, made when missing (a rerun never makes two). */
export async function ensureDelivery(db: Db, row: Insertable<WebhookDeliveriesTable>) {
  await db
    .insertInto('webhookDeliveries')
    .values(row)
    .onConflict((oc) => oc.columns(['subscriptionId', 'eventSeq']).doNothing())
    .execute();
  return (await findDeliveryForEvent(db, row.subscriptionId, row.eventSeq))!;
}

/**
 * The deliveries of a batch of events to one subscription, made when missing (not yet
 * attempted: pending with no next attempt time), by event sequence number.
 */
export async function ensureDeliveries(
  db: Db,
  rows: readonly Insertable<WebhookDeliveriesTable>[],
): Promise<Map<number, WebhookDeliveryRow>> {
  const first = rows[0];
  if (!first) return new Map();
  await db
    .insertInto('webhookDeliveries')
    .values([...rows])
    .onConflict((oc) => oc.columns(['subscriptionId', 'eventSeq']).doNothing())
    .execute();
  const found = await db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('subscriptionId', '=', first.subscriptionId)
    .where(
      'eventSeq',
      'in',
      rows.map((r) => r.eventSeq),
    )
    .execute();
  return new Map(found.map((r) => [r.eventSeq, r]));
}

export const updateDelivery = (db: Db, id: number, values: Updateable<WebhookDeliveriesTable>) =>
  db.updateTable('webhookDeliveries').set(values).where('id', '=', id).execute();

/** The delivery list's order: newest first. */
export const deliveryKeys: Keyset = { columns: ['id'], kinds: ['int'], order: 'desc' };

/** A page of a subscription's deliveries (up to limit + 1 rows), newest first, after the cursor's. */
export function listDeliveries(
  db: Db,
  subscriptionId: number,
  opts: { state?: string | undefined; after?: KeyValue[] | undefined; limit: number },
) {
  let q = db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('subscriptionId', '=', subscriptionId);
  if (opts.state) q = q.where('state', '=', opts.state);
  return keysetPage(q, deliveryKeys, opts.after, opts.limit).execute();
}

/** Failed deliveries of events since a time go back to pending, due now; returns how many. */
export async function replayFailedSince(
  db: Db,
  subscriptionId: number,
  since: string,
  now: string,
): Promise<number> {
  const res = await db
    .updateTable('webhookDeliveries')
    .set({ state: 'pending', nextAttemptAt: now })
    .where('subscriptionId', '=', subscriptionId)
    .where('state', '=', 'failed')
    .where('createdAt', '>=', since)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

import type { DeliveryState, WebhookDelivery } from '../../../contract/webhooks.ts';
import { inTransaction } from '../../events/index.ts';
import type { Ctx } from '../../context.ts';
import type { WebhookDeliveryRow } from '../../db/schema.ts';
import { pageOf, readCursor } from '../../db/keyset.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import * as policy from './webhooks.policy.ts';
import * as repo from './webhooks.repo.ts';

export const toDelivery = (row: WebhookDeliveryRow): WebhookDelivery => ({
  id: row.id,
  webhookId: row.webhookId,
  eventSeq: row.eventSeq,
  eventType: row.eventType,
  state: row.state as DeliveryState,
  attempts: row.attempts,
  lastStatus: row.lastStatus,
  lastError: row.lastError,
  lastAttemptAt: row.lastAttemptAt,
  nextAttemptAt: row.nextAttemptAt,
  deliveredAt: row.deliveredAt,
  createdAt: row.createdAt,
});

async function requireSubscription(ctx: Ctx, id: number) {
  if (!policy.canManageWebhooks(ctx.actor)) throw forbidden('Only administrators manage webhooks');
  const row = await repo.findSubscription(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound(`Webhook ${id}`);
  return row;
}

/** A page of a subscription's deliveries, newest first. Throws forbidden, not_found, invalid_input. */
export async function listDeliveries(
  ctx: Ctx,
  id: number,
  query: { state?: DeliveryState | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  await requireSubscription(ctx, id);
  const rows = await repo.listDeliveries(ctx.db, id, {
    state: query.state,
    after: readCursor(query.cursor, repo.deliveryKeys),
    limit: query.limit,
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.id]);
  return { items: page.map(toDelivery), nextCursor };
}

/**
 * Sends one delivery again, whatever its state: it goes back to pending, due now, and keeps its
 * webhook-id. Throws forbidden, not_found.
 */
export async function replayDelivery(
  ctx: Ctx,
  id: number,
  deliveryId: number,
): Promise<WebhookDelivery> {
  await requireSubscription(ctx, id);
  const row = await repo.findDelivery(ctx.db, id, deliveryId);
  if (!row) throw notFound(`Delivery ${deliveryId}`);
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    await repo.updateDelivery(tx, deliveryId, { state: 'pending', nextAttemptAt: at });
    await emit('webhook.replayed', {
      workspaceId: ctx.actor.workspaceId,
      at,
      targetId: id,
      before: { deliveryId, state: row.state },
      after: { deliveryId, state: 'pending' },
    });
  });
  return toDelivery((await repo.findDelivery(ctx.db, id, deliveryId))!);
}

/** Failed deliveries of events since a time go back to pending. Throws forbidden, not_found. */
export async function replayFailedDeliveries(
  ctx: Ctx,
  id: number,
  since: string,
): Promise<{ replayed: number }> {
  await requireSubscription(ctx, id);
  const at = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (tx, emit) => {
    const replayed = await repo.replayFailedSince(tx, id, since, at);
    await emit('webhook.replayed', {
      workspaceId: ctx.actor.workspaceId,
      at,
      targetId: id,
      after: { since, replayed },
    });
    return { replayed };
  });
}

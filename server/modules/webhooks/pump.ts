import type { Db } from '../../db/connection.ts';
import { listAuditEventsAfter } from '../audit/index.ts';
import { deliverEvent, type DeliveryCtx } from './deliver.ts';
import { loadOutboundEvent, nextEventsFor } from './events.ts';
import * as repo from './webhooks.repo.ts';

/** How a pump run ended. */
export type PumpResult =
  /** Every event of the log up to its head is delivered or given up. */
  | 'drained'
  /** The next event waits for its retry, not due yet: the sweep comes back for it. */
  | 'waiting'
  /** Its time budget ran out (or it was told to stop) with events left: run it again. */
  | 'more'
  /** The subscription is disabled or gone. */
  | 'stopped';

export interface PumpOptions {
  /** Events of the log read at once (default 200). */
  batch?: number;
  /** A run stops after about this long, to be run again (default 20 s). */
  budgetMs?: number;
  signal?: AbortSignal;
}

/**
 * Delivers a subscription's events in log order, one at a time: reads the events after its
 * cursor, makes each one's delivery row (unique per subscription and event) and attempts it;
 * the cursor moves past an event only in the transaction that records it delivered or given
 * up, so a crash at any point resumes at the first event not known to be delivered, and sends
 * it again with the same `webhook-id`. A failed attempt stops the run: the events after it wait
 * for its retry (`next_attempt_at`), in order. Deliveries replayed behind the cursor go first.
 * Only one run per subscription at a time (the `webhooks.pump` job of its key).
 */
export async function pumpSubscription(
  ctx: DeliveryCtx,
  subscriptionId: number,
  opts: PumpOptions = {},
): Promise<PumpResult> {
  const batch = opts.batch ?? 200;
  const until = Date.now() + (opts.budgetMs ?? 20_000);
  const outOfTime = () => Date.now() > until || opts.signal?.aborted === true;
  for (;;) {
    const subscription = await repo.findSubscriptionById(ctx.db, subscriptionId);
    if (!subscription || subscription.enabled !== 1) return 'stopped';
    await sendReplays(ctx, subscription.id, subscription.cursorSeq, subscription.workspaceId);

    const { events, throughSeq } = await nextEventsFor(ctx.db, subscription, batch);
    for (const event of events) {
      if (outOfTime()) return 'more';
      const row = await repo.findDeliveryForEvent(ctx.db, subscription.id, event.seq);
      if (row && row.state !== 'pending') {
        // Recorded (by a replay or an earlier run) but the cursor did not follow: it does now.
        await repo.advanceCursor(ctx.db, subscription.id, event.seq);
        continue;
      }
      if (row?.nextAttemptAt && Date.parse(row.nextAttemptAt) > ctx.clock.now().getTime())
        return 'waiting';
      const outcome = await deliverEvent(ctx, subscription, event, { advanceCursorTo: event.seq });
      if (outcome.state === 'pending') return 'waiting';
      if (outcome.state === 'skipped') return 'stopped';
      if (outcome.state === 'failed' && outcome.status === 410) return 'stopped';
    }
    // Events of other types in the batch are passed over once.
    if (throughSeq > subscription.cursorSeq)
      await repo.advanceCursor(ctx.db, subscription.id, throughSeq);
    if (throughSeq === subscription.cursorSeq) return 'drained';
    if (outOfTime()) return 'more';
  }
}

/** Deliveries put back to pending behind the cursor (a replay from the console), due now. */
async function sendReplays(
  ctx: DeliveryCtx,
  subscriptionId: number,
  cursorSeq: number,
  workspaceId: number,
): Promise<void> {
  const due = await repo.duePendingDeliveries(ctx.db, subscriptionId, {
    throughSeq: cursorSeq,
    now: ctx.clock.now().toISOString(),
    limit: 50,
  });
  for (const delivery of due) {
    const subscription = await repo.findSubscriptionById(ctx.db, subscriptionId);
    if (!subscription || subscription.enabled !== 1) return;
    const event = await loadOutboundEvent(ctx.db, workspaceId, delivery.eventSeq);
    if (!event) {
      await repo.updateDelivery(ctx.db, delivery.id, {
        state: 'failed',
        lastError: 'the event is no longer in the log',
        nextAttemptAt: null,
      });
      continue;
    }
    await deliverEvent(ctx, subscription, event);
  }
}

/**
 * Whether a subscription has work now: a replay or retry that came due, or events after its
 * cursor when its head is not waiting for a retry.
 */
export async function needsPump(
  db: Db,
  subscription: { id: number; workspaceId: number; cursorSeq: number },
  now: Date,
): Promise<boolean> {
  const due = await repo.duePendingDeliveries(db, subscription.id, {
    now: now.toISOString(),
    limit: 1,
  });
  if (due.length > 0) return true;
  if (await repo.firstPendingAfter(db, subscription.id, subscription.cursorSeq)) return false;
  const after = await listAuditEventsAfter(db, subscription.workspaceId, subscription.cursorSeq, 1);
  return after.length > 0;
}

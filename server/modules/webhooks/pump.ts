import type { Db } from '../../db/connection.ts';
import { listAuditEventsAfter } from '../audit/index.ts';
import type { WebhookSubscriptionRow } from '../../db/schema.ts';
import {
  deliveredValues,
  deliverEvent,
  inTx,
  isDelivered,
  recordAttempt,
  sendAttempt,
  webhookIdFor,
  type Attempt,
  type DeliveryCtx,
} from './deliver.ts';
import { loadOutboundEvent, nextEventsFor, type OutboundEvent } from './events.ts';
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

/** Delivered outcomes recorded together: at most this many, or this old, go unrecorded. */
const RECORD_EVERY = 50;
const RECORD_AFTER_MS = 1_000;

/**
 * Delivers a subscription's events in log order, one at a time: reads the events after its
 * cursor, makes their delivery rows (unique per subscription and event) and attempts each in
 * turn. Delivered outcomes are recorded together, in one transaction with the cursor, every
 * few dozen events and before anything else is recorded; the cursor moves past an event only
 * in the transaction that records it delivered or given up, so a crash at any point resumes at
 * the first event not known to be delivered, and sends it (and those after it) again with the
 * same `webhook-id`. A failed attempt stops the run: the events after it wait for its retry
 * (`next_attempt_at`), in order. Deliveries replayed behind the cursor go first. Only one run
 * per subscription at a time (the `webhooks.pump` job of its key).
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

    const { events, throughSeq, read } = await nextEventsFor(ctx.db, ctx.env, subscription, batch);
    const result = await sendBatch(ctx, subscription, events, throughSeq, outOfTime);
    if (result) return result;
    // The head was reached: a commit since then has asked for this pump to run once more.
    if (read < batch) return 'drained';
    if (outOfTime()) return 'more';
  }
}

/**
 * Sends a batch of events in order; undefined when all of them were handled, and the cursor
 * then moves to `throughSeq`, the last event read.
 */
async function sendBatch(
  ctx: DeliveryCtx,
  subscription: WebhookSubscriptionRow,
  events: readonly OutboundEvent[],
  throughSeq: number,
  outOfTime: () => boolean,
): Promise<PumpResult | undefined> {
  const made = ctx.clock.now().toISOString();
  const rows = await repo.ensureDeliveries(
    ctx.db,
    events.map((event) => ({
      workspaceId: subscription.workspaceId,
      subscriptionId: subscription.id,
      eventSeq: event.seq,
      webhookId: webhookIdFor(subscription.id, event.seq),
      eventType: event.type,
      state: 'pending',
      nextAttemptAt: null,
      createdAt: made,
    })),
  );
  const done = deliveredLog(ctx, subscription.id);
  try {
    for (const event of events) {
      if (outOfTime()) return 'more';
      const row = rows.get(event.seq);
      if (!row) throw new Error(`the delivery of event ${event.seq} was not made`);
      // Recorded (by a replay or an earlier run) but the cursor did not follow: it does now.
      if (row.state !== 'pending') {
        done.passOver(event.seq);
        continue;
      }
      if (row.nextAttemptAt && Date.parse(row.nextAttemptAt) > ctx.clock.now().getTime())
        return 'waiting';
      const attempt = await sendAttempt(ctx, subscription, event, row.attempts);
      if (isDelivered(attempt)) {
        await done.add(row.id, event.seq, attempt);
        continue;
      }
      await done.flush();
      const outcome = await recordAttempt(ctx, subscription, row.id, row.webhookId, attempt, {
        advanceCursorTo: event.seq,
      });
      if (outcome.state === 'pending') return 'waiting';
      if (outcome.state === 'failed' && outcome.status === 410) return 'stopped';
    }
    // Every event read is handled: those of other types are passed over once.
    if (throughSeq > subscription.cursorSeq) done.passOver(throughSeq);
    return undefined;
  } finally {
    await done.flush();
  }
}

/** Delivered outcomes not yet recorded, and how far the cursor may then move. */
function deliveredLog(ctx: DeliveryCtx, subscriptionId: number) {
  let pending: { id: number; attempt: Attempt }[] = [];
  let cursorTo = 0;
  let since = 0;
  const flush = async () => {
    if (pending.length === 0 && cursorTo === 0) return;
    const rows = pending;
    const to = cursorTo;
    pending = [];
    cursorTo = 0;
    await inTx(ctx.db, async (tx) => {
      for (const r of rows) await repo.updateDelivery(tx, r.id, deliveredValues(r.attempt));
      await repo.advanceCursor(tx, subscriptionId, to);
    });
  };
  return {
    flush,
    passOver: (seq: number) => {
      cursorTo = Math.max(cursorTo, seq);
    },
    add: async (id: number, seq: number, attempt: Attempt) => {
      if (pending.length === 0) since = Date.now();
      pending.push({ id, attempt });
      cursorTo = Math.max(cursorTo, seq);
      if (pending.length >= RECORD_EVERY || Date.now() - since >= RECORD_AFTER_MS) await flush();
    },
  };
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
    const event = await loadOutboundEvent(ctx.db, ctx.env, workspaceId, delivery.eventSeq);
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
  // The head of the stream waits for its retry; a delivery made but not yet attempted does not.
  const head = await repo.firstPendingAfter(db, subscription.id, subscription.cursorSeq);
  if (head?.nextAttemptAt) return false;
  const after = await listAuditEventsAfter(db, subscription.workspaceId, subscription.cursorSeq, 1);
  return after.length > 0;
}

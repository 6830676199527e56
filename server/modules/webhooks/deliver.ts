import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../events/index.ts';
import { systemActor } from '../workspaces/index.ts';
import type { WebhookSubscriptionRow } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { postOutbound, type OutboundResult, type Resolver } from '../../lib/outbound/index.ts';
import { nextDelayMs, RETRY_DELAYS_MS } from './backoff.ts';
import type { OutboundEvent } from './events.ts';
import { signPayload, unsealSecret, type WebhookEnv } from './secrets.ts';
import * as repo from './webhooks.repo.ts';

/** What a delivery attempt needs; no actor: it runs for the workspace, not for a person. */
export interface DeliveryCtx {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly env: WebhookEnv;
  /** The call's deadline; the outbound client's 10 s when not given. */
  readonly timeoutMs?: number;
  /** Name resolution, for tests; the system's otherwise. */
  readonly resolver?: Resolver;
  readonly random?: () => number;
  /** The retry schedule (`CASEFILE_WEBHOOK_RETRY_SECONDS`); backoff.ts's when not given. */
  readonly retryDelaysMs?: readonly number[];
}

/** What the caller records with the outcome, in the same transaction. */
export interface DeliveryOptions {
  /**
   * The subscription's cursor moves up to this sequence number (never back) in the transaction
   * that records a delivered or given-up outcome: the driver's place in the log.
   */
  readonly advanceCursorTo?: number;
}

/** Runs `work` in `db`'s transaction, or in a new one when `db` is not one. */
export const inTx = <T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> =>
  db.isTransaction ? work(db) : db.transaction().execute(work);

export type DeliveryOutcome =
  | { state: 'delivered'; status: number; webhookId: string }
  | {
      state: 'pending';
      status: number | null;
      error: string;
      nextAttemptAt: string;
      webhookId: string;
    }
  | { state: 'failed'; status: number | null; error: string; webhookId: string }
  | { state: 'skipped'; reason: string; webhookId: string };

/** The `webhook-id` of an event for a subscription: the same on every attempt. */
export const webhookIdFor = (subscriptionId: number, seq: number) => `msg_${subscriptionId}_${seq}`;

/** The request body: `{ type, timestamp, data }` (Standard Webhooks). */
export const payloadFor = (event: OutboundEvent): string =>
  JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data });

/** One attempt's answer, not yet recorded. */
export interface Attempt {
  result: OutboundResult;
  /** The delivery's attempts, this one included. */
  attempts: number;
  at: string;
}

/** Whether an attempt delivered: only a 2xx answer does. */
export const isDelivered = (a: Attempt): boolean =>
  a.result.ok && a.result.status >= 200 && a.result.status < 300;

/** The delivery row's fields once an attempt delivered. */
export const deliveredValues = (a: Attempt) => ({
  state: 'delivered',
  attempts: a.attempts,
  lastStatus: a.result.ok ? a.result.status : null,
  lastError: null,
  lastAttemptAt: a.at,
  nextAttemptAt: null,
  deliveredAt: a.at,
});

/**
 * Makes one attempt to deliver an event to a subscription, recorded on the event's delivery
 * row (made on the first attempt). Only a 2xx answer delivers; 410 Gone stops the
 * subscription (audited); anything else, a 3xx included, is a failed attempt, retried by the
 * schedule in backoff.ts until it is `failed`. A delivered or failed delivery, or a stopped
 * subscription, is left alone: replay puts a delivery back to pending. Never throws for the
 * receiver's sake; a database error does throw, and the attempt is then not recorded.
 */
export async function deliverEvent(
  ctx: DeliveryCtx,
  subscription: WebhookSubscriptionRow,
  event: OutboundEvent,
  opts: DeliveryOptions = {},
): Promise<DeliveryOutcome> {
  const webhookId = webhookIdFor(subscription.id, event.seq);
  const now = ctx.clock.now();
  const delivery = await repo.ensureDelivery(ctx.db, {
    workspaceId: subscription.workspaceId,
    subscriptionId: subscription.id,
    eventSeq: event.seq,
    webhookId,
    eventType: event.type,
    state: 'pending',
    nextAttemptAt: now.toISOString(),
    createdAt: now.toISOString(),
  });
  if (delivery.state !== 'pending')
    return { state: 'skipped', reason: `the delivery is ${delivery.state}`, webhookId };
  if (subscription.enabled !== 1)
    return { state: 'skipped', reason: 'the subscription is disabled', webhookId };
  const attempt = await sendAttempt(ctx, subscription, event, delivery.attempts);
  return recordAttempt(ctx, subscription, delivery.id, webhookId, attempt, opts);
}

/** Sends an event once, signed, under its webhook-id; records nothing. Never throws. */
export async function sendAttempt(
  ctx: DeliveryCtx,
  subscription: WebhookSubscriptionRow,
  event: OutboundEvent,
  attemptsBefore: number,
): Promise<Attempt> {
  const webhookId = webhookIdFor(subscription.id, event.seq);
  const secret = await unsealSecret(ctx.env, subscription.workspaceId, subscription.secretSealed);
  const body = payloadFor(event);
  const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
  const result = await postOutbound({
    url: subscription.url,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Casefile-Webhooks/1',
      'webhook-id': webhookId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signPayload(secret, webhookId, timestamp, body),
    },
    body,
    allowHosts: ctx.env.allowHosts,
    ...(ctx.timeoutMs !== undefined && { timeoutMs: ctx.timeoutMs }),
    ...(ctx.resolver && { resolver: ctx.resolver }),
  });
  return { result, attempts: attemptsBefore + 1, at: ctx.clock.now().toISOString() };
}

/** Records an attempt on its delivery row: delivered, retried later, failed, or 410 Gone. */
export async function recordAttempt(
  ctx: DeliveryCtx,
  subscription: WebhookSubscriptionRow,
  deliveryId: number,
  webhookId: string,
  attempt: Attempt,
  opts: DeliveryOptions = {},
): Promise<DeliveryOutcome> {
  const advance = async (tx: Db) => {
    if (opts.advanceCursorTo !== undefined)
      await repo.advanceCursor(tx, subscription.id, opts.advanceCursorTo);
  };
  const { result, attempts, at } = attempt;
  const status = result.ok ? result.status : null;

  if (isDelivered(attempt) && status !== null) {
    await inTx(ctx.db, async (tx) => {
      await repo.updateDelivery(tx, deliveryId, deliveredValues(attempt));
      await advance(tx);
    });
    return { state: 'delivered', status, webhookId };
  }

  const error = result.ok
    ? describeStatus(result.status, result.bodySnippet)
    : `${result.failure}: ${result.message}`;
  if (status === 410) {
    await stopSubscription(ctx, subscription, deliveryId, attempts, at, advance);
    return { state: 'failed', status, error: 'the receiver answered 410 Gone', webhookId };
  }
  const delays = ctx.retryDelaysMs ?? RETRY_DELAYS_MS;
  const delay = attempts <= delays.length ? nextDelayMs(attempts, ctx.random, delays) : null;
  if (delay === null) {
    await inTx(ctx.db, async (tx) => {
      await repo.updateDelivery(tx, deliveryId, {
        state: 'failed',
        attempts,
        lastStatus: status,
        lastError: error,
        lastAttemptAt: at,
        nextAttemptAt: null,
      });
      await advance(tx);
    });
    ctx.log.warn(
      { subscriptionId: subscription.id, webhookId, attempts },
      'webhook delivery failed for good',
    );
    return { state: 'failed', status, error, webhookId };
  }
  const nextAttemptAt = new Date(ctx.clock.now().getTime() + delay).toISOString();
  await repo.updateDelivery(ctx.db, deliveryId, {
    state: 'pending',
    attempts,
    lastStatus: status,
    lastError: error,
    lastAttemptAt: at,
    nextAttemptAt,
  });
  return { state: 'pending', status, error, nextAttemptAt, webhookId };
}

function describeStatus(status: number, snippet: string): string {
  const what = status >= 300 && status < 400 ? 'a redirect, which is not followed' : 'not a 2xx';
  const text = snippet.replace(/\s+/g, ' ').trim().slice(0, 200);
  return `HTTP ${status} (${what})${text ? `: ${text}` : ''}`;
}

/** 410 Gone: the receiver wants no more. The subscription stops, and says why. */
async function stopSubscription(
  ctx: DeliveryCtx,
  subscription: WebhookSubscriptionRow,
  deliveryId: number,
  attempts: number,
  at: string,
  advance: (tx: Db) => Promise<void>,
): Promise<void> {
  const reason = `The receiver answered 410 Gone at ${at}`;
  await inTransaction(
    { ...ctx, actor: systemActor(subscription.workspaceId) },
    async (tx, emit) => {
      await repo.updateDelivery(tx, deliveryId, {
        state: 'failed',
        attempts,
        lastStatus: 410,
        lastError: 'HTTP 410 (Gone): the subscription was disabled',
        lastAttemptAt: at,
        nextAttemptAt: null,
      });
      await advance(tx);
      await repo.updateSubscription(tx, subscription.id, {
        enabled: 0,
        disabledReason: reason,
        updatedAt: at,
      });
      await emit('webhook.disabled', {
        workspaceId: subscription.workspaceId,
        at,
        targetId: subscription.id,
        before: { enabled: subscription.enabled === 1 },
        after: { enabled: false, disabledReason: reason },
      });
    },
  );
}

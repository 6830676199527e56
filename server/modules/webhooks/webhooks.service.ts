import { inTransaction } from '../../events/index.ts';
import type {
  CreateWebhook,
  UpdateWebhook,
  WebhookEventTypes,
  WebhookSubscription,
  WebhookWithSecret,
} from '../../../contract/webhooks.ts';
import { WebhookEventTypes as EventTypesSchema } from '../../../contract/webhooks.ts';
import type { Ctx } from '../../context.ts';
import { AppError, forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import { checkOutboundUrl } from '../../lib/outbound/index.ts';
import { auditHeadSeq } from '../audit/index.ts';
import * as policy from './webhooks.policy.ts';
import * as repo from './webhooks.repo.ts';
import { newSigningSecret, sealSecret, type WebhookEnv } from './secrets.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findSubscription>>>;

export const parseEventTypes = (text: string): WebhookEventTypes => {
  const parsed = EventTypesSchema.safeParse(JSON.parse(text));
  // Only this module writes the column, validated; a type later renamed still sends the rest.
  return parsed.success ? parsed.data : 'all';
};

export const toSubscription = (row: Row): WebhookSubscription => ({
  id: row.id,
  url: row.url,
  description: row.description,
  eventTypes: parseEventTypes(row.eventTypes),
  enabled: row.enabled === 1,
  disabledReason: row.disabledReason,
  version: row.version,
  createdBy: row.createdBy ? { id: row.createdBy, name: row.createdByName ?? '' } : null,
  createdAt: row.createdAt,
  updatedBy: row.updatedBy ? { id: row.updatedBy, name: row.updatedByName ?? '' } : null,
  updatedAt: row.updatedAt,
});

/** What an audit event records of a subscription: never its secret. */
const audited = (
  s: Pick<WebhookSubscription, 'url' | 'description' | 'eventTypes' | 'enabled'>,
) => ({
  url: s.url,
  description: s.description,
  eventTypes: s.eventTypes,
  enabled: s.enabled,
});

const requireManager = (ctx: Ctx) => {
  if (!policy.canManageWebhooks(ctx.actor)) throw forbidden('Only administrators manage webhooks');
};

/** Refuses a URL outbound calls could not reach, with the reason (invalid_input). */
function requireReachableUrl(env: WebhookEnv, url: string): string {
  const verdict = checkOutboundUrl(url, env.allowHosts);
  if (!verdict.ok) throw invalidInput(verdict.message, { field: 'url', reason: verdict.failure });
  return verdict.url.href;
}

async function load(ctx: Ctx, id: number): Promise<Row> {
  const row = await repo.findSubscription(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound(`Webhook ${id}`);
  return row;
}

/** The workspace's subscriptions. Throws forbidden unless an administrator. */
export async function listWebhooks(ctx: Ctx): Promise<WebhookSubscription[]> {
  requireManager(ctx);
  return (await repo.listSubscriptions(ctx.db, ctx.actor.workspaceId)).map(toSubscription);
}

/** One subscription. Throws forbidden unless an administrator, not_found. */
export async function getWebhook(ctx: Ctx, id: number): Promise<WebhookSubscription> {
  requireManager(ctx);
  return toSubscription(await load(ctx, id));
}

/**
 * Subscribes a receiver, with a new signing secret returned only in this answer. It starts at
 * the head of the workspace's event log: it gets the changes after it, not the history.
 * Throws forbidden, invalid_input for a URL outbound calls may not reach.
 */
export async function createWebhook(
  ctx: Ctx,
  env: WebhookEnv,
  input: CreateWebhook,
): Promise<WebhookWithSecret> {
  requireManager(ctx);
  const url = requireReachableUrl(env, input.url);
  const secret = newSigningSecret();
  const ws = ctx.actor.workspaceId;
  const sealed = await sealSecret(env, ws, secret);
  const at = ctx.clock.now().toISOString();
  const id = await inTransaction(ctx, async (tx, emit) => {
    const id = await repo.insertSubscription(tx, {
      workspaceId: ws,
      url,
      description: input.description,
      eventTypes: JSON.stringify(input.eventTypes),
      enabled: input.enabled ? 1 : 0,
      secretSealed: sealed,
      cursorSeq: 0,
      createdBy: ctx.actor.accountId || null,
      createdAt: at,
      updatedBy: ctx.actor.accountId || null,
      updatedAt: at,
    });
    await emit('webhook.created', {
      workspaceId: ws,
      at,
      targetId: id,
      after: audited({ ...input, url }),
    });
    // Read under the audit lock the event took: every event after this one is new to it.
    await repo.setCursor(tx, id, await auditHeadSeq(tx, ws));
    return id;
  });
  return { ...(await getWebhook(ctx, id)), secret };
}

/**
 * Changes a subscription at the version the caller saw; enabling it clears why it stopped.
 * Throws forbidden, not_found, invalid_input, precondition_failed when it changed since.
 */
export async function updateWebhook(
  ctx: Ctx,
  env: WebhookEnv,
  id: number,
  patch: UpdateWebhook,
  expectedVersion: number,
): Promise<WebhookSubscription> {
  requireManager(ctx);
  const row = await load(ctx, id);
  const before = toSubscription(row);
  if (before.version !== expectedVersion) throw stale(before.version);
  const url = patch.url === undefined ? before.url : requireReachableUrl(env, patch.url);
  const after = { ...before, ...patch, url };
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    const changed = await repo.updateSubscriptionAtVersion(tx, id, expectedVersion, {
      url,
      description: after.description,
      eventTypes: JSON.stringify(after.eventTypes),
      enabled: after.enabled ? 1 : 0,
      ...(after.enabled && { disabledReason: null }),
      updatedBy: ctx.actor.accountId || null,
      updatedAt: at,
    });
    if (!changed) throw stale(before.version + 1);
    await emit('webhook.updated', {
      workspaceId: ctx.actor.workspaceId,
      at,
      targetId: id,
      before: audited(before),
      after: audited(after),
    });
  });
  return getWebhook(ctx, id);
}

const stale = (current: number) =>
  new AppError('precondition_failed', 'The webhook changed since you last saw it; reload it', {
    currentVersion: current,
  });

/** Removes a subscription and its deliveries. Throws forbidden, not_found. */
export async function deleteWebhook(ctx: Ctx, id: number): Promise<void> {
  requireManager(ctx);
  const before = toSubscription(await load(ctx, id));
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    await repo.deleteSubscription(tx, id);
    await emit('webhook.deleted', {
      workspaceId: ctx.actor.workspaceId,
      at,
      targetId: id,
      before: audited(before),
    });
  });
}

/**
 * Replaces the signing secret; the new one is returned only in this answer and signs every
 * attempt from now on. Throws forbidden, not_found.
 */
export async function rotateWebhookSecret(
  ctx: Ctx,
  env: WebhookEnv,
  id: number,
): Promise<WebhookWithSecret> {
  requireManager(ctx);
  await load(ctx, id);
  const secret = newSigningSecret();
  const sealed = await sealSecret(env, ctx.actor.workspaceId, secret);
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    await repo.updateSubscription(tx, id, {
      secretSealed: sealed,
      updatedBy: ctx.actor.accountId || null,
      updatedAt: at,
    });
    await emit('webhook.secret_rotated', {
      workspaceId: ctx.actor.workspaceId,
      at,
      targetId: id,
    });
  });
  return { ...(await getWebhook(ctx, id)), secret };
}

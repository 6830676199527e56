import { z } from 'zod';
import { Cursor, Instant, InstantOut, Limit, QueryId, Ref } from './common.ts';

/**
 * The event types a subscription may ask for: one per kind of recorded change. A change of a
 * kind not listed here is never sent, so a new kind of change reaches receivers only once its
 * payload has been reviewed (server/modules/webhooks/event-view.ts).
 */
export const webhookEventTypes = [
  'case.created',
  'case.updated',
  'case.resolved',
  'case.reopened',
  'case.linked',
  'case.unlinked',
  'task.created',
  'task.updated',
  'comment.added',
  'contributor.added',
  'contributor.removed',
  'alerts.ingested',
  'alert.confirmed',
  'alert.dismissed',
  'alerts.resolved',
  'alerts.reopened',
  'incident.updated',
  'incident.split',
  'incident.resolved_automatically',
  'status.created',
  'status.updated',
  'status.retired',
  'settings.updated',
  'alert_mapping.saved',
  'view.created',
  'view.updated',
  'view.deleted',
  'account.created',
  'account.updated',
  'account.password_changed',
  'account.password_set',
  'token.created',
  'token.revoked',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.secret_rotated',
  'webhook.disabled',
  'evidence.added',
  'evidence.downloaded',
  'evidence.viewed',
  'evidence.removed',
  'evidence.integrity_failed',
  'evidence.parse_finished',
  'evidence.thumbnail_finished',
] as const;
export const WebhookEventType = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

export const WebhookEventTypes = z
  .union([z.literal('all'), z.array(WebhookEventType).min(1).max(webhookEventTypes.length)])
  .describe('"all", or the event types to send');
export type WebhookEventTypes = z.infer<typeof WebhookEventTypes>;

const WebhookUrl = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .describe(
    'Where events are POSTed: http(s), a public address (or a host the operator allow-listed)',
  );

export const WebhookSubscription = z.object({
  id: z.number().int(),
  url: z.string(),
  description: z.string(),
  eventTypes: WebhookEventTypes,
  enabled: z.boolean(),
  disabledReason: z
    .string()
    .nullable()
    .describe('Why the subscription stopped, when Casefile stopped it (the receiver answered 410)'),
  version: z.number().int().describe('Send it as If-Match to change the subscription'),
  createdBy: Ref.nullable(),
  createdAt: InstantOut,
  updatedBy: Ref.nullable(),
  updatedAt: InstantOut,
});
export type WebhookSubscription = z.infer<typeof WebhookSubscription>;

export const WebhookWithSecret = WebhookSubscription.extend({
  secret: z
    .string()
    .describe(
      'The signing secret (`whsec_` + base64): shown only in this answer, never again. Receivers verify `webhook-signature` with it (Standard Webhooks).',
    ),
});
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const WebhookList = z.object({ items: z.array(WebhookSubscription) });

export const CreateWebhook = z.strictObject({
  url: WebhookUrl,
  description: z.string().max(500).default(''),
  eventTypes: WebhookEventTypes.default('all'),
  enabled: z.boolean().default(true),
});
export type CreateWebhook = z.infer<typeof CreateWebhook>;

export const UpdateWebhook = z
  .strictObject({
    url: WebhookUrl.optional(),
    description: z.string().max(500).optional(),
    eventTypes: WebhookEventTypes.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type UpdateWebhook = z.infer<typeof UpdateWebhook>;

export const DeliveryState = z.enum(['pending', 'delivered', 'failed']);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const WebhookDelivery = z.object({
  id: z.number().int(),
  webhookId: z.string().describe('The `webhook-id` header, the same on every attempt'),
  eventSeq: z.number().int().describe("The event's sequence number in the workspace's audit log"),
  eventType: z.string(),
  state: DeliveryState,
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable().describe("The receiver's last HTTP status"),
  lastError: z.string().nullable(),
  lastAttemptAt: InstantOut.nullable(),
  nextAttemptAt: InstantOut.nullable(),
  deliveredAt: InstantOut.nullable(),
  createdAt: InstantOut,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const DeliveryQuery = z.strictObject({
  state: DeliveryState.optional(),
  cursor: Cursor,
  limit: Limit,
});

export const DeliveryList = z.object({
  items: z.array(WebhookDelivery),
  nextCursor: z.string().nullable(),
});

export const WebhookIdParam = z.strictObject({ id: QueryId });
export const DeliveryParam = z.strictObject({ id: QueryId, deliveryId: QueryId });

export const ReplayWebhook = z.strictObject({
  since: Instant.describe('Failed deliveries of events since this time go back to pending'),
});
export const ReplayResult = z.object({
  replayed: z.number().int().describe('How many failed deliveries went back to pending'),
});

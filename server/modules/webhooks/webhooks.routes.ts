import type { FastifyReply } from 'fastify';
import {
  CreateWebhook,
  DeliveryList,
  DeliveryParam,
  DeliveryQuery,
  ReplayResult,
  ReplayWebhook,
  UpdateWebhook,
  WebhookDelivery,
  WebhookIdParam,
  WebhookList,
  WebhookSubscription,
  WebhookWithSecret,
} from '../../../contract/webhooks.ts';
import type { Config } from '../../config.ts';
import { ifMatchVersion } from '../../http/if-match.ts';
import { defineRoute } from '../../http/route.ts';
import * as deliveries from './deliveries.service.ts';
import type { WebhookEnv } from './secrets.ts';
import * as service from './webhooks.service.ts';

const tag = 'Webhooks';

const withEtag = <T extends { version: number }>(reply: FastifyReply, view: T): T => {
  reply.header('etag', `"${view.version}"`);
  return view;
};

/** Webhook subscriptions and their deliveries: administrators only. */
export function webhookRoutes(config: Config) {
  const env: WebhookEnv = {
    allowHosts: config.webhookAllowHosts,
    dataDir: config.dataDir,
    pseudonymKey: config.pseudonymKey,
  };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/webhooks',
      operationId: 'listWebhooks',
      summary: 'The workspace webhook subscriptions (never their secrets)',
      tag,
      auth: 'any',
      response: { status: 200, schema: WebhookList },
      handler: async ({ ctx }) => ({ items: await service.listWebhooks(ctx) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/webhooks',
      operationId: 'createWebhook',
      summary: 'Subscribe a receiver to changes; the answer holds its signing secret, once',
      description:
        'Events are POSTed in the Standard Webhooks format (`webhook-id`, `webhook-timestamp`, `webhook-signature` headers; body `{ type, timestamp, data }`). The subscription starts at the present: earlier changes are not sent. The URL must be http(s) and reach a public address, unless its host is in CASEFILE_WEBHOOK_ALLOW_HOSTS.',
      tag,
      auth: 'any',
      body: CreateWebhook,
      response: { status: 201, schema: WebhookWithSecret },
      handler: async ({ ctx, body, reply }) =>
        withEtag(reply, await service.createWebhook(ctx, env, body)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/webhooks/:id',
      operationId: 'getWebhook',
      summary: 'One webhook subscription',
      tag,
      auth: 'any',
      params: WebhookIdParam,
      response: { status: 200, schema: WebhookSubscription },
      handler: async ({ ctx, params, reply }) =>
        withEtag(reply, await service.getWebhook(ctx, params.id)),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/webhooks/:id',
      operationId: 'updateWebhook',
      summary: 'Change a subscription: URL, description, event types, enabled',
      description:
        'Send the ETag you last saw as If-Match: when the subscription changed since, the answer is 412 and nothing changes. Enabling a subscription Casefile stopped clears its reason.',
      tag,
      auth: 'any',
      params: WebhookIdParam,
      body: UpdateWebhook,
      response: { status: 200, schema: WebhookSubscription },
      errors: [412, 428],
      handler: async ({ ctx, params, body, req, reply }) =>
        withEtag(
          reply,
          await service.updateWebhook(ctx, env, params.id, body, ifMatchVersion(req)),
        ),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/webhooks/:id',
      operationId: 'deleteWebhook',
      summary: 'Remove a subscription and its delivery records',
      tag,
      auth: 'any',
      params: WebhookIdParam,
      response: { status: 204, schema: null },
      handler: ({ ctx, params }) => service.deleteWebhook(ctx, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/webhooks/:id/rotate-secret',
      operationId: 'rotateWebhookSecret',
      summary: 'Replace the signing secret; the answer holds the new one, once',
      tag,
      auth: 'any',
      params: WebhookIdParam,
      response: { status: 200, schema: WebhookWithSecret },
      handler: async ({ ctx, params, reply }) =>
        withEtag(reply, await service.rotateWebhookSecret(ctx, env, params.id)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/webhooks/:id/deliveries',
      operationId: 'listWebhookDeliveries',
      summary: 'Deliveries of a subscription, newest first, with their attempts and outcome',
      tag,
      auth: 'any',
      params: WebhookIdParam,
      query: DeliveryQuery,
      response: { status: 200, schema: DeliveryList },
      handler: ({ ctx, params, query }) => deliveries.listDeliveries(ctx, params.id, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/webhooks/:id/deliveries/:deliveryId/replay',
      operationId: 'replayWebhookDelivery',
      summary: 'Send one delivery again (same webhook-id)',
      tag,
      auth: 'any',
      params: DeliveryParam,
      response: { status: 200, schema: WebhookDelivery },
      handler: ({ ctx, params }) => deliveries.replayDelivery(ctx, params.id, params.deliveryId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/webhooks/:id/replay',
      operationId: 'replayWebhook',
      summary: 'Send again every failed delivery of events since a time',
      tag,
      auth: 'any',
      params: WebhookIdParam,
      body: ReplayWebhook,
      response: { status: 200, schema: ReplayResult },
      handler: ({ ctx, params, body }) =>
        deliveries.replayFailedDeliveries(ctx, params.id, body.since),
    }),
  ];
}

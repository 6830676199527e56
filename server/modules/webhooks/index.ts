export {
  listWebhooks,
  getWebhook,
  createWebhook,
  updateWebhook,
  deleteWebhook,
  rotateWebhookSecret,
} from './webhooks.service.ts';
export { listDeliveries, replayDelivery, replayFailedDeliveries } from './deliveries.service.ts';
export {
  deliverEvent,
  webhookIdFor,
  payloadFor,
  type DeliveryCtx,
  type DeliveryOutcome,
} from './deliver.ts';
export { nextEventsFor, loadOutboundEvent, type OutboundEvent } from './events.ts';
export { RETRY_DELAYS_MS, MAX_ATTEMPTS } from './backoff.ts';
export type { WebhookEnv } from './secrets.ts';
export {
  pumpJob,
  sweepJob,
  startWebhookDriver,
  type DriverSettings,
  type WebhookDriver,
} from './driver.ts';
export { pumpSubscription, type PumpResult } from './pump.ts';

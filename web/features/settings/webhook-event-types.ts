import type { WebhookEventType } from '../../api.ts';

/**
 * What each event type is, for the subscription form. A Record over the contract's type: an
 * event type added on the server does not compile here until it has a label.
 */
export const webhookEventLabels: Record<WebhookEventType, string> = {
  'case.created': 'Case opened',
  'case.updated': 'Case changed',
  'case.resolved': 'Case resolved',
  'case.reopened': 'Case reopened',
  'case.linked': 'Alerts or incidents linked to a case',
  'case.unlinked': 'Alert or incident unlinked from a case',
  'task.created': 'Task added',
  'task.updated': 'Task changed',
  'comment.added': 'Comment added',
  'contributor.added': 'Contributor added',
  'contributor.removed': 'Contributor removed',
  'alerts.ingested': 'Alerts received',
  'alert.confirmed': 'Alert confirmed',
  'alert.dismissed': 'Alert dismissed',
  'alerts.resolved': 'Alerts resolved',
  'alerts.reopened': 'Alerts reopened',
  'incident.updated': 'Incident changed',
  'incident.split': 'Incident split',
  'incident.resolved_automatically': 'Incident resolved automatically',
  'status.created': 'Case status added',
  'status.updated': 'Case status changed',
  'status.retired': 'Case status retired',
  'settings.updated': 'Workspace settings changed',
  'alert_mapping.saved': 'Alert field mapping saved',
  'view.created': 'Saved view added',
  'view.updated': 'Saved view changed',
  'view.deleted': 'Saved view deleted',
  'account.created': 'Account added',
  'account.updated': 'Account changed',
  'account.password_changed': 'Own password changed',
  'account.password_set': 'Password set by an admin',
  'token.created': 'API token created',
  'token.revoked': 'API token revoked',
  'webhook.created': 'Webhook added',
  'webhook.updated': 'Webhook changed',
  'webhook.deleted': 'Webhook deleted',
  'webhook.secret_rotated': 'Webhook secret rotated',
  'webhook.disabled': 'Webhook stopped by its receiver',
  'evidence.added': 'Evidence added to a case',
  'evidence.downloaded': 'Evidence downloaded',
  'evidence.viewed': 'Evidence viewed in the browser',
  'evidence.removed': 'Evidence removed',
  'evidence.integrity_failed': 'Evidence failed an integrity check',
  'evidence.parse_finished': 'E-mail evidence parsed (or could not be)',
  'evidence.thumbnail_finished': 'Thumbnail of a capture made (or refused)',
};

export const webhookEventOptions = (Object.keys(webhookEventLabels) as WebhookEventType[]).map(
  (value) => ({ value, label: `${webhookEventLabels[value]} (${value})` }),
);

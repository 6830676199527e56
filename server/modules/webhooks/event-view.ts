import type { AuditEventRow } from '../../db/schema.ts';

/**
 * The fields of an audit event's before/after that a webhook may carry, per target type. The
 * payload is built from this list, never by copying the event: a field added to an audit
 * record later (a hash, a storage key, a secret) stays out of webhooks until it is named here.
 */
const allowedFields: Record<string, readonly string[]> = {
  case: [
    'title',
    'priority',
    'status',
    'assignee',
    'dueAt',
    'tags',
    'subject',
    'classification',
    'reason',
    'alertIds',
    'incidentIds',
    'alertId',
    'incidentId',
    'description',
  ],
  task: ['title', 'status', 'priority', 'owner', 'dueAt', 'closingNote'],
  comment: ['caseNumber', 'format'],
  alert: ['status', 'category', 'reason', 'caseNumber', 'alertIds', 'newIncidentIds'],
  incident: ['title', 'status', 'alertCount', 'alertIds', 'because', 'incidentIds'],
  account: ['name', 'email', 'role', 'disabled', 'contributor', 'password', 'tokensRevoked'],
  api_token: ['name', 'scope', 'expiresAt', 'accountId'],
  case_status: ['name', 'category', 'color', 'retired', 'isDefault', 'sortOrder'],
  view: ['name', 'shared', 'sort', 'columns', 'filters'],
  workspace: ['correlation', 'incidents'],
  alert_mapping: ['source'],
  webhook: ['description', 'eventTypes', 'enabled', 'disabledReason', 'replayed', 'since'],
};

/** Values of an allowed field that must be narrowed further. */
const narrow: Record<string, (value: unknown) => unknown> = {
  // A subject is named by id only: its identity may be pseudonymised for some readers.
  subject: (v) => (isObject(v) && 'id' in v ? { id: v.id } : null),
  // An account change says that the password changed, never anything of it.
  password: () => 'changed',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function pick(targetType: string, json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  const fields = allowedFields[targetType] ?? [];
  const parsed: unknown = JSON.parse(json);
  if (!isObject(parsed)) return null;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (!(field in parsed)) continue;
    const value = parsed[field];
    out[field] = narrow[field] ? narrow[field](value) : value;
  }
  return out;
}

export interface EventData {
  action: string;
  target: { type: string; id: string };
  caseNumber: number | null;
  actor: { id: number | null; name: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** What a webhook says of one audit event: named fields only. */
export function eventData(event: AuditEventRow, caseNumber: number | null): EventData {
  return {
    action: event.action,
    target: { type: event.targetType, id: event.targetId },
    caseNumber,
    actor: { id: event.actorId, name: event.actorName },
    before: pick(event.targetType, event.before),
    after: pick(event.targetType, event.after),
  };
}

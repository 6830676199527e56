/**
 * Every domain event a change can emit: its type, what it is about (`target`) and the shape of
 * what it records before and after. The audit record is derived from the event alone
 * (`auditRecordOf`): action = type, target, case, before, after. Consumers of the event log
 * (webhooks, live updates, later flows and notices) read these types back from it.
 *
 * Shapes hold what an investigator may read in the activity log; never a password, a token
 * or its hash, or an internal storage key.
 */
import type { EvidenceReport } from '../../contract/evidence-verify.ts';
import type { webhookEventTypes } from '../../contract/webhooks.ts';

/** A reference to a person as events record it. */
export interface PersonRef {
  id: number;
  name: string;
}
/** A case status as events record it. */
export interface StatusRef {
  id: number;
  name: string;
}
type Fields = Record<string, unknown>;
type Nothing = null | undefined;

interface Def<Target extends string, Before, After> {
  target: Target;
  before: Before;
  after: After;
}

export interface CaseCreated {
  title: string;
  priority: string;
  status: StatusRef;
  assignee: PersonRef | null;
  dueAt: string | null;
  tags: string[];
  subject?: PersonRef | null;
  [more: string]: unknown;
}

/** The fields of a case an edit may change, each present only when it changed. */
export interface CaseFieldChanges {
  title?: string;
  description?: string;
  priority?: string;
  status?: StatusRef | null;
  assignee?: PersonRef | null;
  dueAt?: string | null;
  tags?: string[];
  subject?: PersonRef | null;
}

export interface AlertStatusMove {
  status: string;
  alertIds?: number[];
  [more: string]: unknown;
}

export interface EventMap {
  'case.created': Def<'case', Nothing, CaseCreated>;
  'case.updated': Def<'case', CaseFieldChanges, CaseFieldChanges>;
  'case.resolved': Def<
    'case',
    { status: StatusRef | null },
    { status: StatusRef; classification: string; reason: string }
  >;
  'case.reopened': Def<
    'case',
    {
      status: StatusRef | null;
      resolution: { classification: string; reason: string | null } | null;
    },
    { status: StatusRef; reason: string }
  >;
  'case.linked': Def<'case', Nothing, { alertIds: number[]; incidentIds: number[] }>;
  'case.unlinked': Def<'case', { alertId?: number; incidentId?: number }, Nothing>;
  'task.created': Def<
    'task',
    Nothing,
    {
      title: string;
      status: string;
      priority: string;
      owner: PersonRef | null;
      dueAt: string | null;
    }
  >;
  'task.updated': Def<'task', Fields & { title: string }, Fields & { title: string }>;
  'comment.added': Def<'comment', Nothing, { caseNumber: number; sha256: string; format: string }>;
  'contributor.added': Def<'account', Nothing, { contributor: PersonRef }>;
  'contributor.removed': Def<'account', { contributor: PersonRef }, Nothing>;
  'alerts.ingested': Def<'alert', Nothing, { alertIds: number[]; newIncidentIds: number[] }>;
  /** A batch of activity events stored: how many, about which subjects (the first is the target). */
  'activities.ingested': Def<'subject', Nothing, { count: number; subjectIds: number[] }>;
  'activities.reviewed': Def<'subject', Nothing, { reviewed: boolean; activityIds: number[] }>;
  'alert.confirmed': Def<
    'alert',
    { status: 'needs_review' },
    { status: 'confirmed'; caseNumber: number }
  >;
  'alert.dismissed': Def<
    'alert',
    { status: 'needs_review' },
    { status: 'dismissed'; category: string; reason: string | null }
  >;
  'alerts.resolved': Def<'case' | 'incident', { status: string }, AlertStatusMove>;
  'alerts.reopened': Def<'case' | 'incident', { status: string }, AlertStatusMove>;
  'alert_mapping.saved': Def<'alert_mapping', Fields | null, Fields>;
  'incident.updated': Def<'incident', Fields, Fields>;
  'incident.split': Def<
    'incident',
    { alertCount: number },
    { commonValues: string[]; incidents: { id: number; alertIds: number[] }[] }
  >;
  'incident.resolved_automatically': Def<
    'incident',
    { status: 'active' },
    { status: 'resolved'; because: string }
  >;
  'status.created': Def<'case_status', Nothing, Fields>;
  'status.updated': Def<'case_status', Fields, Fields>;
  'status.retired': Def<'case_status', Fields, Fields>;
  'settings.updated': Def<'workspace', Fields, Fields>;
  'view.created': Def<'view', Nothing, Fields>;
  'view.updated': Def<'view', Fields, Fields>;
  'view.deleted': Def<'view', Fields, Nothing>;
  'account.created': Def<
    'account',
    Nothing,
    { email: string; name: string; role: string; disabled: boolean }
  >;
  'account.updated': Def<'account', Fields, Fields>;
  'account.password_set': Def<'account', Fields, Fields>;
  'account.password_changed': Def<'account', Nothing, Nothing>;
  'auth.signed_in': Def<'account', Nothing, Nothing>;
  'auth.session_renewed': Def<'account', Nothing, Nothing>;
  'token.created': Def<
    'api_token',
    Nothing,
    { name: string; prefix: string; accountId: number; scope: string; expiresAt: string | null }
  >;
  'token.revoked': Def<'api_token', { name: string; prefix: string }, Nothing>;
  'job.retried': Def<
    'job',
    { state: string; attempts: number; lastError: string | null },
    { state: string; attempts: number }
  >;
  'webhook.created': Def<'webhook', Nothing, Fields>;
  'webhook.updated': Def<'webhook', Fields, Fields>;
  'webhook.deleted': Def<'webhook', Fields, Nothing>;
  'webhook.secret_rotated': Def<'webhook', Nothing, Nothing>;
  'webhook.disabled': Def<
    'webhook',
    { enabled: boolean },
    { enabled: false; disabledReason: string }
  >;
  'webhook.replayed': Def<'webhook', Fields | null, Fields>;
  'subject.revealed': Def<
    'subject',
    Nothing,
    { caseNumber: number; justification: string; expiresAt: string }
  >;
  'subject.reveal_ended': Def<'subject', { expiresAt: string }, { caseNumber: number }>;
  'subject.pseudonym_looked_up': Def<
    'subject',
    Nothing,
    { identity: string; found: boolean; justification: string }
  >;
  'evidence.added': Def<
    'evidence',
    Nothing,
    { name: string; kind: string; sha256: string; sizeBytes: number; detectedType: string }
  >;
  'evidence.downloaded': Def<
    'evidence',
    Nothing,
    { name: string; sha256: string; purpose: string }
  >;
  /** The item's bytes shown in the browser (an image or clip), or an e-mail's HTML body. */
  'evidence.viewed': Def<
    'evidence',
    Nothing,
    { name: string; sha256: string; part: 'bytes' | 'html'; purpose: string | null }
  >;
  'evidence.removed': Def<'evidence', { name: string; sha256: string }, { reason: string }>;
  /**
   * The server finished parsing an e-mail item: parsed (with this many attachments) or failed.
   * The reason of a failure stays on the item's message (it may name the store's files).
   */
  'evidence.parse_finished': Def<
    'evidence',
    Nothing,
    { status: 'parsed' | 'failed'; attachments: number }
  >;
  /** The server finished a capture's thumbnail: made, or refused (the reason on the item). */
  'evidence.thumbnail_finished': Def<'evidence', Nothing, { status: 'made' | 'failed' }>;
  'evidence.integrity_failed': Def<
    'evidence',
    { sha256: string },
    { problem: string; actual: string | null }
  >;
  /**
   * A verification of the workspace's evidence ended: what it found. About the job that ran it,
   * or the workspace when run from the command line.
   */
  'evidence.verified': Def<
    'job' | 'workspace',
    Nothing,
    EvidenceReport & { jobId: number | null; requestedBy: PersonRef | null }
  >;
}

export type EventType = keyof EventMap;

/** What a service passes to `emit`: the target's id, its case, and what changed. */
export type EventInput<K extends EventType> = {
  targetId: string | number;
  /** The case the event belongs to: it shows in that case's activity log. */
  caseId?: number | null;
  /** When the target type of the event is not fixed by its type (alert resolution). */
  targetType?: EventMap[K]['target'];
  /** Defaults to the unit of work's time. */
  at?: string;
  /** Defaults to the actor's workspace. */
  workspaceId?: number;
} & (EventMap[K]['before'] extends Nothing
  ? { before?: null }
  : null extends EventMap[K]['before']
    ? { before?: EventMap[K]['before'] }
    : { before: EventMap[K]['before'] }) &
  (EventMap[K]['after'] extends Nothing ? { after?: null } : { after: EventMap[K]['after'] });

/** The target type each event type is about, when one event type has one. */
export const eventTargets: { [K in EventType]: EventMap[K]['target'] } = {
  'case.created': 'case',
  'case.updated': 'case',
  'case.resolved': 'case',
  'case.reopened': 'case',
  'case.linked': 'case',
  'case.unlinked': 'case',
  'task.created': 'task',
  'task.updated': 'task',
  'comment.added': 'comment',
  'contributor.added': 'account',
  'contributor.removed': 'account',
  'alerts.ingested': 'alert',
  'activities.ingested': 'subject',
  'activities.reviewed': 'subject',
  'alert.confirmed': 'alert',
  'alert.dismissed': 'alert',
  'alerts.resolved': 'case',
  'alerts.reopened': 'case',
  'alert_mapping.saved': 'alert_mapping',
  'incident.updated': 'incident',
  'incident.split': 'incident',
  'incident.resolved_automatically': 'incident',
  'status.created': 'case_status',
  'status.updated': 'case_status',
  'status.retired': 'case_status',
  'settings.updated': 'workspace',
  'view.created': 'view',
  'view.updated': 'view',
  'view.deleted': 'view',
  'account.created': 'account',
  'account.updated': 'account',
  'account.password_set': 'account',
  'account.password_changed': 'account',
  'auth.signed_in': 'account',
  'auth.session_renewed': 'account',
  'token.created': 'api_token',
  'token.revoked': 'api_token',
  'job.retried': 'job',
  'webhook.created': 'webhook',
  'webhook.updated': 'webhook',
  'webhook.deleted': 'webhook',
  'webhook.secret_rotated': 'webhook',
  'webhook.disabled': 'webhook',
  'webhook.replayed': 'webhook',
  'subject.revealed': 'subject',
  'subject.reveal_ended': 'subject',
  'subject.pseudonym_looked_up': 'subject',
  'evidence.added': 'evidence',
  'evidence.downloaded': 'evidence',
  'evidence.viewed': 'evidence',
  'evidence.removed': 'evidence',
  'evidence.parse_finished': 'evidence',
  'evidence.thumbnail_finished': 'evidence',
  'evidence.integrity_failed': 'evidence',
  'evidence.verified': 'job',
};

// Every event type a webhook may subscribe to (the contract's list) is one of these.
type Sendable = (typeof webhookEventTypes)[number] extends EventType ? true : never;
export const sendableTypesAreEvents: Sendable = true;

/** Every event type, for the webhook subscription's choices and the contract. */
export const eventTypes = Object.keys(eventTargets) as EventType[];

export const isEventType = (value: string): value is EventType =>
  Object.prototype.hasOwnProperty.call(eventTargets, value);

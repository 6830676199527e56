import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Row types of every table, in camelCase: the CamelCasePlugin maps them to the snake_case
 * columns once, here at the edge of the db layer. Times are ISO-8601 UTC strings on both
 * engines; flags are 0/1 integers on both, so the two schemas stay identical.
 */
type Id = Generated<number>;
type Flag = ColumnType<number, number | undefined, number>;

export interface WorkspacesTable {
  id: Id;
  name: string;
  slug: string;
  nextCaseNumber: ColumnType<number, number | undefined, number>;
  createdAt: string;
}

export interface AuditHeadsTable {
  workspaceId: number;
  seq: number;
  hash: string;
}

export interface RolesTable {
  id: Id;
  workspaceId: number;
  key: string;
  name: string;
  permissions: string; // JSON array of permission names
  builtin: Flag;
  createdAt: string;
  updatedAt: string;
}

export interface AccountsTable {
  id: Id;
  workspaceId: number;
  email: string;
  name: string;
  roleKey: string;
  passwordHash: string | null;
  disabled: Flag;
  createdAt: string;
  updatedAt: string;
}

export interface SessionsTable {
  id: string; // SHA-256 of the cookie secret
  workspaceId: number;
  accountId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApiTokensTable {
  id: Id;
  workspaceId: number;
  accountId: number;
  name: string;
  tokenHash: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** full | read | ingest */
  scope: string;
  expiresAt: string | null;
}

export interface CaseStatusesTable {
  id: Id;
  workspaceId: number;
  name: string;
  category: string; // new | active | closed
  sortOrder: number;
  color: string;
  isDefault: Flag;
  retired: Flag;
  createdAt: string;
  updatedAt: string;
}

export interface CasesTable {
  id: Id;
  workspaceId: number;
  number: number;
  title: string;
  description: string;
  priority: string;
  priorityRank: number;
  statusId: number;
  statusCategory: string; // copy of the status's category, for the queue's indexes
  assigneeId: number | null;
  dueAt: string | null;
  tags: string; // JSON array
  createdAt: string;
  createdBy: number | null;
  updatedAt: string;
  updatedBy: number | null;
  version: number;
  resolutionClassification: string | null;
  resolutionReason: string | null;
  resolvedAt: string | null;
  resolvedBy: number | null;
  taskTotal: Flag;
  taskOpen: Flag;
  commentCount: Flag;
  subjectId: ColumnType<number | null, number | null | undefined, number | null>;
  /** Set while the case is under legal hold: its evidence and notes cannot be removed. */
  legalHoldAt: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TasksTable {
  id: Id;
  workspaceId: number;
  caseId: number;
  title: string;
  description: string;
  status: string;
  priority: string;
  ownerId: number | null;
  dueAt: string | null;
  closingNote: string | null;
  createdAt: string;
  createdBy: number | null;
  updatedAt: string;
  updatedBy: number | null;
  completedAt: string | null;
  version: number;
}

export interface CommentsTable {
  id: Id;
  workspaceId: number;
  caseId: number;
  body: string;
  format: string; // plain | markdown
  createdAt: string;
  authorId: number | null;
}

export interface CaseContributorsTable {
  workspaceId: number;
  caseId: number;
  accountId: number;
  addedAt: string;
  addedBy: number | null;
}

export interface AuditEventsTable {
  id: Id;
  workspaceId: number;
  seq: number;
  occurredAt: string;
  actorId: number | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  caseId: number | null;
  before: string | null; // canonical JSON
  after: string | null; // canonical JSON
  prevHash: string;
  hash: string;
}

export interface SearchDocsTable {
  id: Id;
  workspaceId: number;
  caseId: number;
  kind: string; // case | comment | task
  refId: number;
  body: string;
}

export interface SavedViewsTable {
  id: Id;
  workspaceId: number;
  ownerId: number;
  name: string;
  kind: Generated<'cases' | 'activities'>; // the dashboard's, or the activity explorer's
  filters: string; // JSON object of the list's query parameters
  columns: string; // JSON array of column keys
  sort: string;
  shared: Flag;
  createdAt: string;
  updatedAt: string;
}

export interface SubjectsTable {
  id: Id;
  workspaceId: number;
  email: string; // lower-cased e-mail or UPN: the key alerts are matched by
  name: string;
  department: string | null;
  manager: string | null;
  jobTitle: string | null;
  riskScore: Flag; // the highest risk score of its alerts
  alertCount: Flag;
  lastAlertAt: string | null;
  /** The activity risk score (docs/investigation.md) on `activityRiskOn`, a UTC day. */
  activityRiskScore: Flag;
  activityRiskOn: string | null;
  lastActivityAt: string | null; // its latest activity event
  createdAt: string;
  updatedAt: string;
}

export interface IncidentsTable {
  id: Id;
  workspaceId: number;
  title: string;
  status: string; // active | resolved
  severity: string; // the highest of its alerts'
  severityRank: number;
  subjectId: number | null;
  assigneeId: number | null;
  alertCount: number;
  firstAlertAt: string;
  lastAlertAt: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: number | null;
  /** Increases with every change to the title, status or assignee: the If-Match version. */
  version: ColumnType<number, number | undefined, number>;
  /** Severity rank × 1000 + risk score of its most severe alert, whose title it follows. */
  leadRank: ColumnType<number, number | undefined, number>;
  /** 1 once a person renamed it: correlation no longer retitles it. */
  titleCustom: Flag;
}

export interface AlertsTable {
  id: Id;
  workspaceId: number;
  source: string;
  externalId: string;
  title: string;
  description: string;
  severity: string; // informational | low | medium | high
  severityRank: number;
  riskScore: number;
  status: string; // needs_review | confirmed | dismissed | resolved
  detectedAt: string;
  receivedAt: string;
  subjectId: number | null;
  incidentId: number | null;
  events: string; // JSON array
  payload: string; // JSON, as received
  triagedAt: string | null;
  triagedBy: number | null;
  dismissReason: string | null;
  dismissCategory: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why it is in its incident: `opened`, `s:<subject id>`, `e:<type>:<value>`; null if unknown. */
  correlationKey: ColumnType<string | null, string | null | undefined, string | null>;
  /** The source's own status or classification on first delivery; null if it gave none. */
  sourceStatus: ColumnType<string | null, string | null | undefined, string | null>;
  /** The source's own severity word when ours is a reading of it; null otherwise. */
  sourceSeverity: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AlertEntitiesTable {
  id: Id;
  workspaceId: number;
  alertId: number;
  incidentId: number | null; // the alert's incident, for correlation by shared entity
  type: string;
  value: string;
}

export interface IncidentKeysTable {
  workspaceId: number;
  incidentId: number;
  key: string; // s:<subject id> | e:<type>:<value>
}

export interface IncidentSubjectsTable {
  workspaceId: number;
  incidentId: number;
  subjectId: number;
  firstAlertAt: string;
}

/** Which subjects a correlating value (`e:<type>:<value>`) was seen with, and when last. */
export interface EntitySubjectsTable {
  workspaceId: number;
  key: string;
  subjectId: number;
  lastSeenAt: string;
}

/** Every source alerts of a workspace came from, for the queue's source filter. */
export interface AlertSourcesTable {
  workspaceId: number;
  source: string;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface WorkspaceSettingsTable {
  workspaceId: number;
  settings: string; // JSON, parsed by the settings module
  updatedAt: string;
  updatedBy: number | null;
}

export interface CaseLinksTable {
  workspaceId: number;
  caseId: number;
  kind: string; // alert | incident
  refId: number;
  linkedAt: string;
  linkedBy: number | null;
}

export interface AlertMappingsTable {
  workspaceId: number;
  source: string;
  fields: string; // JSON: our field -> JSON path in the source's document
  updatedAt: string;
  updatedBy: number | null;
}

/** Background work (`server/jobs/`); `workspaceId` is null for system duties. */
export interface JobsTable {
  id: Id;
  workspaceId: number | null;
  type: string;
  payload: string; // JSON, parsed with the job type's schema on enqueue and on claim
  runAt: string;
  attempts: ColumnType<number, number | undefined, number>;
  maxAttempts: number;
  lastError: string | null;
  /** queued | running | done | failed | dead */
  state: ColumnType<string, string | undefined, string>;
  idempotencyKey: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** 1: asked for again while running (`rearmJob`); it is queued again when it finishes. */
  rerun: ColumnType<number, number | undefined, number>;
}

/** The next slot of each recurring duty (`server/jobs/scheduler.ts`). */
export interface SchedulesTable {
  name: string;
  nextRunAt: string;
  lastRunAt: string | null;
}

export interface WebhookSubscriptionsTable {
  id: Id;
  workspaceId: number;
  url: string;
  description: string;
  /** JSON: "all", or an array of event types */
  eventTypes: string;
  enabled: Flag;
  disabledReason: string | null;
  /** The signing secret, sealed (lib/secret-box.ts); never plain text */
  secretSealed: string;
  /** The last audit sequence number this subscription has handled */
  cursorSeq: number;
  version: ColumnType<number, number | undefined, number>;
  createdBy: number | null;
  createdAt: string;
  updatedBy: number | null;
  updatedAt: string;
}

export interface WebhookDeliveriesTable {
  id: Id;
  workspaceId: number;
  subscriptionId: number;
  eventSeq: number;
  /** The `webhook-id` header: the same on every attempt */
  webhookId: string;
  eventType: string;
  attempts: ColumnType<number, number | undefined, number>;
  /** pending | delivered | failed */
  state: string;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface DB {
  workspaces: WorkspacesTable;
  auditHeads: AuditHeadsTable;
  roles: RolesTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  caseStatuses: CaseStatusesTable;
  cases: CasesTable;
  tasks: TasksTable;
  comments: CommentsTable;
  caseContributors: CaseContributorsTable;
  auditEvents: AuditEventsTable;
  searchDocs: SearchDocsTable;
  savedViews: SavedViewsTable;
  subjects: SubjectsTable;
  incidents: IncidentsTable;
  alerts: AlertsTable;
  alertEntities: AlertEntitiesTable;
  incidentKeys: IncidentKeysTable;
  incidentSubjects: IncidentSubjectsTable;
  entitySubjects: EntitySubjectsTable;
  alertSources: AlertSourcesTable;
  workspaceSettings: WorkspaceSettingsTable;
  caseLinks: CaseLinksTable;
  alertMappings: AlertMappingsTable;
  jobs: JobsTable;
  schedules: SchedulesTable;
  webhookSubscriptions: WebhookSubscriptionsTable;
  webhookDeliveries: WebhookDeliveriesTable;
  activityEvents: ActivityEventsTable;
  subjectActivityDays: SubjectActivityDaysTable;
  subjectReveals: SubjectRevealsTable;
  evidenceItems: EvidenceItemsTable;
  evidenceCustody: EvidenceCustodyTable;
  evidenceMessages: EvidenceMessagesTable;
  evidenceMessageAttachments: EvidenceMessageAttachmentsTable;
  evidenceThumbnails: EvidenceThumbnailsTable;
}

/** A scored activity event of a subject; unique on (workspace, source, externalId). */
export interface ActivityEventsTable {
  id: Id;
  workspaceId: number;
  source: string;
  externalId: string;
  subjectId: number;
  occurredAt: string;
  receivedAt: string;
  category: string; // access | deletion | collection | exfiltration | infiltration | obfuscation | security
  activityType: string;
  riskScore: number;
  indicators: string; // JSON array of { name, score }
  sequenceId: string | null;
  object: string | null; // JSON object: name, path, sizeBytes, sensitivityLabel, destination...
  objectName: string | null;
  sensitivityLabel: string | null;
  alertId: number | null;
  payload: string; // JSON, as the source sent it
  reviewedAt: string | null;
  reviewedBy: number | null;
}

/** Per subject, UTC day ('YYYY-MM-DD') and category: the rollup of its activity events. */
export interface SubjectActivityDaysTable {
  workspaceId: number;
  subjectId: number;
  day: string;
  category: string;
  eventCount: number;
  maxScore: number;
  scoreSum: number;
  indicators: string; // JSON array of the top 10 { name, count, maxScore }
}

export type CaseRow = Selectable<CasesTable>;
export type NewCaseRow = Insertable<CasesTable>;
export type CaseUpdate = Updateable<CasesTable>;
export type TaskRow = Selectable<TasksTable>;
export type AccountRow = Selectable<AccountsTable>;
export type StatusRow = Selectable<CaseStatusesTable>;
export type CommentRow = Selectable<CommentsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type RoleRow = Selectable<RolesTable>;
export type SavedViewRow = Selectable<SavedViewsTable>;
export type SubjectRow = Selectable<SubjectsTable>;
export type IncidentRow = Selectable<IncidentsTable>;
export type AlertRow = Selectable<AlertsTable>;
export type JobRow = Selectable<JobsTable>;
export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

export interface SubjectRevealsTable {
  id: Generated<number>;
  workspaceId: number;
  accountId: number;
  subjectId: number;
  caseId: number;
  justification: string;
  createdAt: string;
  expiresAt: string;
}

/** An evidence item of a case: bytes named by SHA-256 in the blob store, and what is known of them. */
export interface EvidenceItemsTable {
  id: Generated<number>;
  workspaceId: number;
  caseId: number;
  kind: string; // file | capture | email
  name: string;
  sha256: string;
  /** bigint: PostgreSQL answers it as text. */
  sizeBytes: ColumnType<number | string, number, never>;
  claimedType: string | null;
  detectedType: string;
  note: string;
  parentId: number | null;
  acquiredAt: string | null;
  acquisitionMethod: string | null;
  capturedAt: string | null;
  activityId: number | null;
  alertId: number | null;
  addedBy: number;
  addedAt: string;
  removedAt: string | null;
  removedBy: number | null;
  removalReason: string | null;
  custodySeq: number;
  custodyHead: string;
}
export type EvidenceItemRow = Selectable<EvidenceItemsTable>;

/** One entry of an evidence item's hash-chained custody log; never updated or deleted. */
export interface EvidenceCustodyTable {
  workspaceId: number;
  evidenceId: number;
  seq: number;
  action: string;
  actorId: number | null;
  actorName: string;
  at: string;
  address: string | null;
  purpose: string | null;
  details: string; // JSON object
  prevHash: string;
  hash: string;
}
export type EvidenceCustodyRow = Selectable<EvidenceCustodyTable>;

/** The parsed form of an e-mail item; pending until its job ran, then parsed or failed. */
export interface EvidenceMessagesTable {
  workspaceId: number;
  evidenceId: number;
  status: string; // pending | parsed | failed
  failure: string | null;
  headers: string | null; // JSON array of { name, value }
  rawHeaders: string | null;
  rawHeadersBytes: number | null;
  mailFrom: string | null; // JSON array of { name, address }, as mailTo, mailCc and replyTo
  mailTo: string | null;
  mailCc: string | null;
  replyTo: string | null;
  subject: string | null;
  dateHeader: string | null;
  sentAt: string | null;
  messageId: string | null;
  textBody: string | null;
  htmlBody: string | null;
  truncated: string; // JSON array of the parts cut to their limit: text, html, rawHeaders
  createdAt: string;
  updatedAt: string;
}

/** One attachment of a parsed e-mail: its decoded bytes in the blob store under sha256. */
export interface EvidenceMessageAttachmentsTable {
  workspaceId: number;
  evidenceId: number;
  /** 1 for the first attachment. */
  idx: number;
  filename: string | null;
  contentType: string;
  detectedType: string;
  /** bigint: PostgreSQL answers it as text. */
  sizeBytes: ColumnType<number | string, number, never>;
  sha256: string;
  contentId: string | null;
  disposition: string | null;
  /** The evidence item made from it, once it was added as evidence of its own. */
  itemId: number | null;
}

/** The thumbnail of a capture: pending, made (a derived blob) or failed. */
export interface EvidenceThumbnailsTable {
  workspaceId: number;
  evidenceId: number;
  status: string; // pending | made | failed
  failure: string | null;
  sha256: string | null;
  mediaType: string | null;
  width: number | null;
  height: number | null;
  sizeBytes: number | null;
  createdAt: string;
  updatedAt: string;
}

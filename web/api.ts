/**
 * The typed client of the Casefile API: the only place that calls fetch. Types come from the
 * zod schemas in contract/ (type-only imports: no schema code reaches the browser bundle).
 */
import type { z } from 'zod';
import type {
  Account,
  AccountListItem,
  ApiToken,
  CreateAccount,
  CreateApiToken,
  CreatedApiToken,
  Me,
  Role,
  UpdateAccount,
} from '../contract/accounts.ts';
import type { ActivityItem, ActivityPage } from '../contract/activity.ts';
import type {
  ActivityDetail,
  ActivityListItem,
  ActivityPage as ActivityEventPage,
  ListActivitiesQuery,
  ReviewOutcome,
} from '../contract/activity-explorer.ts';
import type { Timeline, TimelineQuery } from '../contract/activity-timeline.ts';
import type {
  Alert,
  AlertBulkOutcome,
  AlertDetail,
  AlertPage,
  AlertSources,
  BulkConfirmAlerts,
  BulkDismissAlerts,
  ConfirmAlert,
  DismissAlert,
  DismissalCounts,
  DismissCategory as DismissCategoryEnum,
  ListAlertsQuery,
} from '../contract/alerts.ts';
import type {
  BulkOutcome,
  BulkUpdateCases,
  Case,
  CaseDetail,
  CasePage,
  CreateCase,
  ListCasesQuery,
  ResolveCase,
  ReopenCase,
  UpdateCase,
} from '../contract/cases.ts';
import type { Contributor } from '../contract/contributors.ts';
import type { ErrorBody } from '../contract/errors.ts';
import type {
  EvidenceDetail,
  EvidenceItem,
  EvidenceMessage,
  EvidencePage,
  EvidenceUploadFields,
  ListEvidenceQuery,
} from '../contract/evidence.ts';
import type {
  CaseLinks,
  Incident,
  IncidentDetail,
  IncidentListItem,
  IncidentPage,
  LinkToCase,
  ListIncidentsQuery,
  UpdateIncident,
} from '../contract/incidents.ts';
import type { Job, JobPage, JobState } from '../contract/jobs.ts';
import type { UpdateWorkspaceSettings, WorkspaceSettings } from '../contract/settings.ts';
import type { CaseStatus, CreateCaseStatus, UpdateCaseStatus } from '../contract/statuses.ts';
import type {
  CaseReveals,
  LookUpPseudonym,
  PseudonymLookup,
  RevealSubject,
  ListSubjectsQuery,
  Subject,
  SubjectPage,
} from '../contract/subjects.ts';
import type { SubjectSummary } from '../contract/subject-summary.ts';
import type { SubjectRisk } from '../contract/activities.ts';
import type { CreateTask, Task, UpdateTask } from '../contract/tasks.ts';
import type { CreateView, SavedView, UpdateView, ViewKind } from '../contract/views.ts';
import type {
  CreateWebhook,
  DeliveryList,
  DeliveryState,
  ReplayResult,
  UpdateWebhook,
  WebhookDelivery,
  WebhookEventType,
  WebhookSubscription,
  WebhookWithSecret,
} from '../contract/webhooks.ts';

export type { Account, ActivityItem, Case, CaseDetail, CaseStatus, Task, SavedView, ViewKind };
export type MeInfo = z.infer<typeof Me>;
export type RoleInfo = z.infer<typeof Role>;
export type ApiTokenInfo = z.infer<typeof ApiToken>;
export type CreatedToken = z.infer<typeof CreatedApiToken>;
export type TokenScope = ApiTokenInfo['scope'];
export type ContributorInfo = z.infer<typeof Contributor>;
export type CaseList = z.infer<typeof CasePage>;
export type CaseQuery = Partial<z.input<typeof ListCasesQuery>>;
export type Priority = Case['priority'];
export type TaskStatus = Task['status'];
export type ErrorCode = ErrorBody['error']['code'];
export type { Alert, Incident };
export type AlertInfo = z.infer<typeof AlertDetail>;
export type AlertList = z.infer<typeof AlertPage>;
export type AlertQuery = Partial<z.input<typeof ListAlertsQuery>>;
export type AlertOutcome = z.infer<typeof AlertBulkOutcome>;
export type CaseLinkList = z.infer<typeof CaseLinks>;
export type IncidentInfo = z.infer<typeof IncidentDetail>;
export type IncidentRow = z.infer<typeof IncidentListItem>;
export type IncidentList = z.infer<typeof IncidentPage>;
export type IncidentQuery = Partial<z.input<typeof ListIncidentsQuery>>;
export type IncidentStatus = Incident['status'];
export type { Subject, SubjectSummary, SubjectRisk };
export type { ActivityDetail, ActivityListItem, ActivityEventPage, ReviewOutcome, Timeline };
export type TimelineParams = Partial<z.input<typeof TimelineQuery>>;
export type ActivityEventQuery = Partial<z.input<typeof ListActivitiesQuery>>;
export type SubjectList = z.infer<typeof SubjectPage>;
export type SubjectQuery = Partial<z.input<typeof ListSubjectsQuery>>;
export type Severity = Alert['severity'];
export type AlertStatus = Alert['status'];
export type DismissCategory = z.infer<typeof DismissCategoryEnum>;
export type { WorkspaceSettings };
export type { Job, JobState };
export type { WebhookSubscription, WebhookWithSecret, WebhookDelivery, WebhookEventType };
export type { DeliveryState };
export type { EvidenceItem, EvidenceDetail, EvidencePage, EvidenceMessage };
export type MessageAttachment = EvidenceMessage['attachments'][number];
export type EvidenceKind = EvidenceItem['kind'];
export type EvidenceQuery = Partial<z.input<typeof ListEvidenceQuery>>;
export type EvidenceFields = Partial<z.input<typeof EvidenceUploadFields>>;

/** A refused or failed request, with the server's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network' | 'cancelled',
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

type QueryValue = string | number | boolean | string[] | number[] | undefined | null;

export function toQueryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface Options {
  body?: unknown;
  query?: Record<string, QueryValue>;
  version?: number;
}

async function request<T>(method: string, path: string, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.version !== undefined) headers['if-match'] = `"${options.version}"`;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      'Casefile cannot be reached. Check your connection and retry.',
    );
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!res.ok) throw readRefusal(res.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The error a refused request answered, from its uniform body when it has one. */
export function readRefusal(status: number, text: string): ApiError {
  let err: Partial<ErrorBody['error']> | undefined;
  try {
    err = (JSON.parse(text) as Partial<ErrorBody> | undefined)?.error;
  } catch {
    // Not ours: a proxy's page, say. The status is all there is.
  }
  const fallback =
    status === 413 ? 'The file is too large for the server' : `The server answered ${status}`;
  return new ApiError(
    status,
    err?.code ?? 'internal',
    err?.message ?? fallback,
    err?.details,
    err?.requestId,
  );
}

/** `filename*` (RFC 8187) of a file name, exactly as given; lone surrogates become U+FFFD. */
export function dispositionOf(name: string): string {
  const whole = name.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
  const encoded = encodeURIComponent(whole).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename*=UTF-8''${encoded}`;
}

export interface Upload<T> {
  done: Promise<T>;
  cancel: () => void;
}

/**
 * Sends one file as evidence: the body is the File itself, streamed by the browser, its name
 * in Content-Disposition and the fields in the query string. XMLHttpRequest rather than fetch
 * because only it reports upload progress.
 */
function uploadEvidence(
  number: number,
  file: File,
  fields: EvidenceFields,
  onProgress: (sent: number, total: number) => void,
): Upload<EvidenceItem> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<EvidenceItem>((resolve, reject) => {
    xhr.open(
      'POST',
      `/api/v1/cases/${number}/evidence${toQueryString(fields as Record<string, QueryValue>)}`,
    );
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-disposition', dispositionOf(file.name));
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300)
        resolve(JSON.parse(xhr.responseText) as EvidenceItem);
      else reject(readRefusal(xhr.status, xhr.responseText));
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, 'network', 'The upload was cut off: check your connection and retry.'),
      );
    xhr.onabort = () => reject(new ApiError(0, 'cancelled', 'Cancelled: nothing was stored.'));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}

const evidencePath = (number: number, id: number) => `/api/v1/cases/${number}/evidence/${id}`;

const get = <T>(path: string, query?: Record<string, QueryValue>) =>
  request<T>('GET', path, { query });

/** A plain-text resource (raw e-mail headers): shown as text, never parsed. */
async function getText(path: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      headers: { accept: 'text/plain' },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      'Casefile cannot be reached. Check your connection and retry.',
    );
  }
  const text = await res.text();
  if (!res.ok) throw readRefusal(res.status, text);
  return text;
}
const send = <T>(method: string, path: string, body?: unknown, version?: number) =>
  request<T>(method, path, { body, version });

type In<S extends z.ZodType> = z.input<S>;
type Items<T> = { items: T[] };

export const api = {
  signIn: (email: string, password: string) =>
    send<MeInfo>('POST', '/auth/sign-in', { email, password }),
  signOut: () => send<void>('POST', '/auth/sign-out'),
  me: () => get<MeInfo>('/me'),
  updateProfile: (name: string) => send<Account>('PATCH', '/me', { name }),
  changePassword: (currentPassword: string, newPassword: string) =>
    send<MeInfo>('POST', '/me/password', { currentPassword, newPassword }),

  listTokens: () => get<Items<ApiTokenInfo>>('/tokens'),
  createToken: (body: In<typeof CreateApiToken>) => send<CreatedToken>('POST', '/tokens', body),
  revokeToken: (id: number) => send<void>('DELETE', `/tokens/${id}`),

  listAccounts: () => get<Items<AccountListItem>>('/accounts'),
  createAccount: (body: In<typeof CreateAccount>) => send<Account>('POST', '/accounts', body),
  updateAccount: (id: number, body: In<typeof UpdateAccount>) =>
    send<Account>('PATCH', `/accounts/${id}`, body),
  listRoles: () => get<Items<RoleInfo>>('/roles'),

  listStatuses: () => get<Items<CaseStatus>>('/case-statuses'),
  createStatus: (body: In<typeof CreateCaseStatus>) =>
    send<CaseStatus>('POST', '/case-statuses', body),
  updateStatus: (id: number, body: In<typeof UpdateCaseStatus>) =>
    send<CaseStatus>('PATCH', `/case-statuses/${id}`, body),

  listCases: (query: CaseQuery) => get<CaseList>('/cases', query as Record<string, QueryValue>),
  getCase: (number: number) => get<CaseDetail>(`/cases/${number}`),
  createCase: (body: In<typeof CreateCase>) => send<CaseDetail>('POST', '/cases', body),
  updateCase: (number: number, body: In<typeof UpdateCase>, version?: number) =>
    send<CaseDetail>('PATCH', `/cases/${number}`, body, version),
  resolveCase: (number: number, body: In<typeof ResolveCase>, version?: number) =>
    send<CaseDetail>('POST', `/cases/${number}/resolve`, body, version),
  reopenCase: (number: number, body: In<typeof ReopenCase>, version?: number) =>
    send<CaseDetail>('POST', `/cases/${number}/reopen`, body, version),
  bulkUpdateCases: (body: In<typeof BulkUpdateCases>) =>
    send<z.infer<typeof BulkOutcome>>('POST', '/cases/bulk', body),

  listTasks: (number: number) => get<Items<Task>>(`/cases/${number}/tasks`),
  createTask: (number: number, body: In<typeof CreateTask>) =>
    send<Task>('POST', `/cases/${number}/tasks`, body),
  updateTask: (number: number, id: number, body: In<typeof UpdateTask>, version?: number) =>
    send<Task>('PATCH', `/cases/${number}/tasks/${id}`, body, version),

  listActivity: (number: number, kind: 'all' | 'comment' | 'audit', cursor?: string) =>
    get<z.infer<typeof ActivityPage>>(`/cases/${number}/activity`, { kind, cursor, limit: 50 }),
  addComment: (number: number, body: string, format: 'plain' | 'markdown') =>
    send<ActivityItem>('POST', `/cases/${number}/comments`, { body, format }),

  listEvidence: (number: number, query: EvidenceQuery) =>
    get<EvidencePage>(`/cases/${number}/evidence`, query as Record<string, QueryValue>),
  getEvidence: (number: number, id: number) =>
    get<EvidenceDetail>(`/cases/${number}/evidence/${id}`),
  uploadEvidence,
  removeEvidence: (number: number, id: number, reason: string) =>
    send<EvidenceItem>('DELETE', `/cases/${number}/evidence/${id}`, { reason }),
  /** The bytes as an attachment; following it records the download and its purpose. */
  evidenceContentUrl: (number: number, id: number, purpose: string) =>
    `${evidencePath(number, id)}/content${toQueryString({ purpose })}`,
  /** An image or video shown inline (`<img>`, `<video>`); each load is a custody entry. */
  evidenceViewUrl: (number: number, id: number) => `${evidencePath(number, id)}/view`,
  /** A capture's thumbnail (WebP), once `item.thumbnail` is `made`; not a custody entry. */
  evidenceThumbnailUrl: (number: number, id: number) => `${evidencePath(number, id)}/thumbnail`,
  getEvidenceMessage: (number: number, id: number) =>
    get<EvidenceMessage>(`/cases/${number}/evidence/${id}/message`),
  getEvidenceRawHeaders: (number: number, id: number) =>
    getText(`/cases/${number}/evidence/${id}/message/raw-headers`),
  /** The sanitised HTML body, for an `<iframe sandbox="">`; each load is a custody entry. */
  evidenceMessageHtmlUrl: (number: number, id: number, remote: boolean) =>
    `${evidencePath(number, id)}/message/html${toQueryString({ remote })}`,
  addAttachmentEvidence: (number: number, id: number, index: number) =>
    send<EvidenceItem>('POST', `/cases/${number}/evidence/${id}/message/attachments/${index}`),

  listContributors: (number: number) =>
    get<Items<ContributorInfo>>(`/cases/${number}/contributors`),
  addContributor: (number: number, accountId: number) =>
    send<Items<ContributorInfo>>('PUT', `/cases/${number}/contributors/${accountId}`),
  removeContributor: (number: number, accountId: number) =>
    send<void>('DELETE', `/cases/${number}/contributors/${accountId}`),

  listAlerts: (query: AlertQuery) => get<AlertList>('/alerts', query as Record<string, QueryValue>),
  getAlert: (id: number) => get<AlertInfo>(`/alerts/${id}`),
  confirmAlert: (id: number, body: In<typeof ConfirmAlert>) =>
    send<AlertInfo>('POST', `/alerts/${id}/confirm`, body),
  dismissAlert: (id: number, body: In<typeof DismissAlert>) =>
    send<AlertInfo>('POST', `/alerts/${id}/dismiss`, body),
  bulkConfirmAlerts: (body: In<typeof BulkConfirmAlerts>) =>
    send<AlertOutcome>('POST', '/alerts/bulk-confirm', body),
  bulkDismissAlerts: (body: In<typeof BulkDismissAlerts>) =>
    send<AlertOutcome>('POST', '/alerts/bulk-dismiss', body),
  countDismissals: () => get<z.infer<typeof DismissalCounts>>('/alerts/dismissal-counts'),
  listAlertSources: () => get<z.infer<typeof AlertSources>>('/alerts/sources'),
  getSettings: () => get<WorkspaceSettings>('/settings'),
  updateSettings: (body: In<typeof UpdateWorkspaceSettings>) =>
    send<WorkspaceSettings>('PATCH', '/settings', body),
  listJobs: (query: { state?: JobState[]; cursor?: string; limit?: number }) =>
    get<JobPage>('/jobs', query),
  retryJob: (id: number) => send<Job>('POST', `/jobs/${id}/retry`),

  listIncidents: (query: IncidentQuery) =>
    get<IncidentList>('/incidents', query as Record<string, QueryValue>),
  getIncident: (id: number) => get<IncidentInfo>(`/incidents/${id}`),
  updateIncident: (id: number, body: In<typeof UpdateIncident>, version?: number) =>
    send<Incident>('PATCH', `/incidents/${id}`, body, version),

  listSubjects: (q: string) =>
    get<z.infer<typeof SubjectPage>>('/subjects', { q: q || undefined, limit: 20 }),
  getSubject: (id: number) => get<Subject>(`/subjects/${id}`),
  listSubjectReveals: (n: number) => get<CaseReveals>(`/cases/${n}/subject-reveals`),
  revealSubject: (n: number, body: In<typeof RevealSubject>) =>
    send<CaseReveals>('POST', `/cases/${n}/subject-reveals`, body),
  endSubjectReveal: (n: number) => send<CaseReveals>('DELETE', `/cases/${n}/subject-reveals/mine`),
  lookUpPseudonym: (body: In<typeof LookUpPseudonym>) =>
    send<z.infer<typeof PseudonymLookup>>('POST', '/subjects/pseudonym-lookups', body),
  getTimeline: (subjectId: number, query: TimelineParams) =>
    get<Timeline>(`/subjects/${subjectId}/timeline`, query as Record<string, QueryValue>),
  listActivityEvents: (subjectId: number, query: ActivityEventQuery) =>
    get<ActivityEventPage>(
      `/subjects/${subjectId}/activities`,
      query as Record<string, QueryValue>,
    ),
  getActivityEvent: (id: number) => get<ActivityDetail>(`/activities/${id}`),
  reviewActivityEvent: (id: number, reviewed: boolean) =>
    send<ActivityDetail>('POST', `/activities/${id}/review`, { reviewed }),
  reviewActivityEvents: (ids: number[], reviewed: boolean) =>
    send<ReviewOutcome>('POST', '/activities/review', { ids, reviewed }),
  listSubjectPage: (query: SubjectQuery) =>
    get<SubjectList>('/subjects', query as Record<string, QueryValue>),
  getSubjectSummary: (id: number) => get<SubjectSummary>(`/subjects/${id}/summary`),
  getSubjectRisk: (id: number) => get<SubjectRisk>(`/subjects/${id}/risk`),
  listCaseLinks: (number: number) => get<CaseLinkList>(`/cases/${number}/links`),
  linkToCase: (number: number, body: In<typeof LinkToCase>) =>
    send<CaseLinkList>('POST', `/cases/${number}/links`, body),
  unlinkFromCase: (number: number, kind: 'alert' | 'incident', id: number) =>
    send<void>('DELETE', `/cases/${number}/links/${kind}/${id}`),

  listViews: (kind: ViewKind) => get<Items<SavedView>>('/views', { kind }),
  createView: (body: In<typeof CreateView>) => send<SavedView>('POST', '/views', body),
  updateView: (id: number, body: In<typeof UpdateView>) =>
    send<SavedView>('PATCH', `/views/${id}`, body),
  deleteView: (id: number) => send<void>('DELETE', `/views/${id}`),

  listWebhooks: () => get<Items<WebhookSubscription>>('/webhooks'),
  createWebhook: (body: In<typeof CreateWebhook>) =>
    send<WebhookWithSecret>('POST', '/webhooks', body),
  updateWebhook: (id: number, body: In<typeof UpdateWebhook>, version: number) =>
    send<WebhookSubscription>('PATCH', `/webhooks/${id}`, body, version),
  deleteWebhook: (id: number) => send<void>('DELETE', `/webhooks/${id}`),
  rotateWebhookSecret: (id: number) =>
    send<WebhookWithSecret>('POST', `/webhooks/${id}/rotate-secret`),
  listWebhookDeliveries: (id: number, state?: DeliveryState, cursor?: string) =>
    get<z.infer<typeof DeliveryList>>(`/webhooks/${id}/deliveries`, { state, cursor, limit: 25 }),
  replayWebhookDelivery: (id: number, deliveryId: number) =>
    send<WebhookDelivery>('POST', `/webhooks/${id}/deliveries/${deliveryId}/replay`),
  replayWebhook: (id: number, since: string) =>
    send<z.infer<typeof ReplayResult>>('POST', `/webhooks/${id}/replay`, { since }),
};

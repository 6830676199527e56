import type { IncidentQuery, IncidentStatus } from '../../api.ts';
import { severities } from '../alerts/alerts-search.ts';

/** The incidents page's state in the URL, so a filtered queue is a shareable link. */
export interface IncidentsSearch {
  /** `resolved` or `all`; absent means active only. */
  status?: 'resolved' | 'all';
  severity?: string;
  /** An account id, `me` or `none`. */
  assignee?: number | 'me' | 'none';
  subject?: number;
  /** True: in a case; false: in no case. */
  linked?: boolean;
  sort?: IncidentSortField;
  order?: 'asc' | 'desc';
}

export const incidentSortFields = ['lastAlertAt', 'severity', 'alertCount'] as const;
export type IncidentSortField = (typeof incidentSortFields)[number];

const positive = (v: unknown): number | undefined => {
  const n = typeof v === 'number' || typeof v === 'string' ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : undefined;
};

export function parseIncidentsSearch(s: Record<string, unknown>): IncidentsSearch {
  const out: IncidentsSearch = {};
  if (s.status === 'resolved' || s.status === 'all') out.status = s.status;
  const severity = (typeof s.severity === 'string' ? s.severity : '')
    .split(',')
    .filter((w) => (severities as string[]).includes(w));
  if (severity.length > 0) out.severity = severity.join(',');
  const assignee = s.assignee === 'me' || s.assignee === 'none' ? s.assignee : positive(s.assignee);
  if (assignee !== undefined) out.assignee = assignee;
  const subject = positive(s.subject);
  if (subject !== undefined) out.subject = subject;
  if (s.linked === true || s.linked === 'true') out.linked = true;
  if (s.linked === false || s.linked === 'false') out.linked = false;
  if (incidentSortFields.includes(s.sort as IncidentSortField))
    out.sort = s.sort as IncidentSortField;
  if (s.order === 'asc' || s.order === 'desc') out.order = s.order;
  return out;
}

/** The statuses shown: active unless the URL says otherwise. */
export const statusFilter = (s: IncidentsSearch): IncidentStatus[] =>
  s.status === 'all' ? [] : s.status === 'resolved' ? ['resolved'] : ['active'];

export function toIncidentQuery(s: IncidentsSearch): IncidentQuery {
  return {
    status: statusFilter(s),
    severity: s.severity?.split(','),
    assignee: s.assignee,
    subject: s.subject,
    linked: s.linked === undefined ? undefined : s.linked ? 'true' : 'false',
    sort: s.sort ?? 'lastAlertAt',
    order: s.order ?? 'desc',
    limit: 50,
  };
}

export const incidentStatusLabels: Record<IncidentStatus, string> = {
  active: 'Active',
  resolved: 'Resolved',
};

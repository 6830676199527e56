import type { AlertQuery, AlertStatus, DismissCategory, Severity } from '../../api.ts';
import { dismissCategories } from './dismiss-categories.ts';

/** The alerts page's state in the URL, so a filtered queue is a shareable link. */
export interface AlertsSearch {
  q?: string;
  status?: string;
  severity?: string;
  source?: string;
  /** A subject id. */
  subject?: number;
  /** Dismissal categories, comma-separated. */
  dismissed?: string;
  sort?: AlertSortField;
  order?: 'asc' | 'desc';
  alert?: number;
  /** The columns shown, comma-separated keys in order; absent for the defaults. */
  cols?: string;
}

export const alertSortFields = ['detectedAt', 'severity', 'riskScore'] as const;
export type AlertSortField = (typeof alertSortFields)[number];

export const alertStatuses: AlertStatus[] = ['needs_review', 'confirmed', 'dismissed', 'resolved'];
export const severities: Severity[] = ['high', 'medium', 'low', 'informational'];

const str = (v: unknown, max = 200): string | undefined =>
  typeof v === 'string' && v !== '' ? v.slice(0, max) : undefined;

/** Keeps only the known words of a comma-separated list; `all` means no filter. */
const known = (v: unknown, words: readonly string[]): string | undefined => {
  const s = str(v);
  if (s === 'all') return 'all';
  const kept = (s ?? '').split(',').filter((w) => words.includes(w));
  return kept.length > 0 ? kept.join(',') : undefined;
};

export function parseAlertsSearch(s: Record<string, unknown>): AlertsSearch {
  const out: AlertsSearch = {};
  const q = str(s.q);
  if (q !== undefined) out.q = q;
  const source = str(s.source, 100);
  if (source !== undefined) out.source = source;
  const status = known(s.status, alertStatuses);
  if (status !== undefined) out.status = status;
  const severity = known(s.severity, severities);
  if (severity !== undefined && severity !== 'all') out.severity = severity;
  const subject = Number(s.subject);
  if (Number.isInteger(subject) && subject > 0) out.subject = subject;
  const dismissed = known(
    s.dismissed,
    dismissCategories.map((c) => c.value),
  );
  if (dismissed !== undefined && dismissed !== 'all') out.dismissed = dismissed;
  if (alertSortFields.includes(s.sort as AlertSortField)) out.sort = s.sort as AlertSortField;
  if (s.order === 'asc' || s.order === 'desc') out.order = s.order;
  const cols = str(s.cols);
  if (cols !== undefined) out.cols = cols;
  const alert = Number(s.alert);
  if (Number.isInteger(alert) && alert > 0) out.alert = alert;
  return out;
}

const list = <T extends string>(v: string | undefined) =>
  v ? (v.split(',').filter(Boolean) as T[]) : undefined;

/** The statuses shown: needs review unless the URL says otherwise (`all` shows every one). */
export const statusFilter = (s: AlertsSearch): AlertStatus[] =>
  s.status === 'all' ? [] : (list<AlertStatus>(s.status) ?? ['needs_review']);

export function toAlertQuery(s: AlertsSearch): AlertQuery {
  return {
    q: s.q,
    status: statusFilter(s),
    severity: list<Severity>(s.severity),
    source: list(s.source),
    subject: s.subject,
    dismissCategory: list<DismissCategory>(s.dismissed),
    sort: s.sort ?? 'detectedAt',
    order: s.order ?? 'desc',
    limit: 50,
  };
}

export const alertStatusLabels: Record<AlertStatus, string> = {
  needs_review: 'Needs review',
  confirmed: 'Confirmed',
  dismissed: 'Dismissed',
  resolved: 'Resolved',
};
export const severityLabels: Record<Severity, string> = {
  informational: 'Informational',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};
export const severityColors: Record<Severity, string> = {
  informational: 'gray',
  low: 'blue',
  medium: 'yellow',
  high: 'red',
};

import type { CaseQuery } from '../../api.ts';

/** The dashboard's state in the URL, so a filtered queue is a shareable link. */
export interface DashboardSearch {
  q?: string;
  category?: string;
  status?: string;
  priority?: string;
  assignee?: string;
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  overdue?: boolean;
  sort?: string;
  order?: 'asc' | 'desc';
  cols?: string;
  view?: number;
}

const str = (v: unknown, max = 200): string | undefined =>
  typeof v === 'string' && v !== ''
    ? v.slice(0, max)
    : typeof v === 'number'
      ? String(v)
      : undefined;
const day = (v: unknown): string | undefined => {
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
};

export const sortFields = ['updatedAt', 'createdAt', 'priority', 'dueAt', 'number'] as const;
export type SortField = (typeof sortFields)[number];

export function parseDashboardSearch(s: Record<string, unknown>): DashboardSearch {
  const out: DashboardSearch = {};
  for (const key of ['q', 'category', 'status', 'priority', 'assignee', 'cols'] as const) {
    const v = str(s[key]);
    if (v !== undefined) out[key] = v;
  }
  for (const key of ['createdFrom', 'createdTo', 'updatedFrom', 'updatedTo'] as const) {
    const v = day(s[key]);
    if (v !== undefined) out[key] = v;
  }
  if (s.overdue === true || s.overdue === 'true') out.overdue = true;
  if (sortFields.includes(s.sort as SortField)) out.sort = s.sort as SortField;
  if (s.order === 'asc' || s.order === 'desc') out.order = s.order;
  const view = Number(s.view);
  if (Number.isInteger(view) && view > 0) out.view = view;
  return out;
}

const list = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : undefined);
const startOfDay = (d: string) => new Date(`${d}T00:00:00`).toISOString();
const endOfDay = (d: string) => new Date(`${d}T23:59:59.999`).toISOString();

/** The case-list query for a dashboard state; `now` decides what is overdue. */
export function toCaseQuery(s: DashboardSearch, now: Date): CaseQuery {
  const q: CaseQuery = {
    q: s.q,
    category: list(s.category),
    status: list(s.status)?.map(Number),
    priority: list(s.priority),
    assignee: s.assignee,
    createdFrom: s.createdFrom && startOfDay(s.createdFrom),
    createdTo: s.createdTo && endOfDay(s.createdTo),
    updatedFrom: s.updatedFrom && startOfDay(s.updatedFrom),
    updatedTo: s.updatedTo && endOfDay(s.updatedTo),
    sort: (s.sort as SortField | undefined) ?? 'updatedAt',
    order: s.order ?? 'desc',
    limit: 50,
  };
  if (s.overdue) {
    q.dueBefore = now.toISOString();
    if (!q.category && !q.status) q.category = ['new', 'active'];
  }
  return q;
}

/** The filters a saved view keeps: the dashboard state minus columns and sort. */
export function viewFilters(s: DashboardSearch): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s)) {
    if (['cols', 'sort', 'order', 'view'].includes(k) || v === undefined) continue;
    out[k] = String(v);
  }
  return out;
}

/** Minutes, so "overdue" stays one query key for a while instead of changing every render. */
export const thisMinute = (): Date => new Date(Math.floor(Date.now() / 60_000) * 60_000);

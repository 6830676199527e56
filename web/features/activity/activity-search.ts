import type { ActivityEventQuery, SavedView, TimelineParams } from '../../api.ts';

export const activityCategories = [
  'access',
  'deletion',
  'collection',
  'exfiltration',
  'infiltration',
  'obfuscation',
  'security',
] as const;
export type Category = (typeof activityCategories)[number];

/** Chart colours per category, readable on white and told apart by hue. */
export const categoryColors: Record<Category, string> = {
  access: '#1c7ed6',
  deletion: '#e8590c',
  collection: '#7048e8',
  exfiltration: '#e03131',
  infiltration: '#0ca678',
  obfuscation: '#f08c00',
  security: '#495057',
};

export const windows = ['1m', '3m', '6m'] as const;
export type WindowKey = (typeof windows)[number];
const windowMonths: Record<WindowKey, number> = { '1m': 1, '3m': 3, '6m': 6 };

/**
 * What the activity view shows, as it stands in the address: the chart's window (a preset, or
 * `from`/`to` after a zoom or a custom range), the scope, the categories, and the explorer's
 * own filters (`efrom`/`eto` after a click on the chart), sort, columns and open event.
 */
export interface ActivitySearch {
  window?: WindowKey | undefined;
  from?: string | undefined;
  to?: string | undefined;
  scope?: 'all' | 'case' | undefined;
  category?: string | undefined;
  efrom?: string | undefined;
  eto?: string | undefined;
  ecategory?: string | undefined;
  activityType?: string | undefined;
  indicator?: string | undefined;
  reviewed?: 'true' | 'false' | undefined;
  sort?: 'occurredAt' | 'riskScore' | undefined;
  order?: 'asc' | 'desc' | undefined;
  cols?: string | undefined;
  event?: number | undefined;
  /** The saved view picked last, kept while its settings are changed so it can be updated. */
  view?: number | undefined;
}

const str = (v: unknown, max = 200) =>
  typeof v === 'string' && v !== '' && v.length <= max ? v : undefined;
const time = (v: unknown) => {
  const s = str(v, 40);
  return s !== undefined && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : undefined;
};
const oneOf = <T extends string>(v: unknown, xs: readonly T[]) =>
  xs.includes(v as T) ? (v as T) : undefined;
const categories = (v: unknown) => {
  const s = str(v);
  const kept = s?.split(',').filter((c) => activityCategories.includes(c as Category));
  return kept?.length ? kept.join(',') : undefined;
};

/** Reads the address's search values, dropping what is not valid. */
export function parseActivitySearch(s: Record<string, unknown>): ActivitySearch {
  const event = Number(s.event);
  const view = Number(s.view);
  const out: ActivitySearch = {
    window: oneOf(s.window, windows),
    from: time(s.from),
    to: time(s.to),
    scope: oneOf(s.scope, ['all', 'case'] as const),
    category: categories(s.category),
    efrom: time(s.efrom),
    eto: time(s.eto),
    ecategory: categories(s.ecategory),
    activityType: str(s.activityType, 100),
    indicator: str(s.indicator, 100),
    reviewed: oneOf(s.reviewed, ['true', 'false'] as const),
    sort: oneOf(s.sort, ['occurredAt', 'riskScore'] as const),
    order: oneOf(s.order, ['asc', 'desc'] as const),
    cols: str(s.cols, 300),
    event: Number.isSafeInteger(event) && event > 0 ? event : undefined,
    view: Number.isSafeInteger(view) && view > 0 ? view : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** The end of a preset window: the next whole minute, so a page and its prefetch agree. */
export const activityNow = (): Date => new Date(Math.ceil(Date.now() / 60_000) * 60_000);

/** The chart's window: `from`/`to` when set, else the preset (3 months) ending now. */
export function windowOf(s: ActivitySearch, now: Date): { from: string; to: string } {
  if (s.from && s.to && s.from < s.to) return { from: s.from, to: s.to };
  const start = new Date(now);
  start.setUTCMonth(start.getUTCMonth() - windowMonths[s.window ?? '3m']);
  return { from: start.toISOString(), to: now.toISOString() };
}

const scopeOf = (s: ActivitySearch, caseNumber: number | undefined) =>
  s.scope === 'case' && caseNumber !== undefined
    ? { scope: 'case' as const, case: caseNumber }
    : { scope: 'all' as const };

export function toTimelineQuery(
  s: ActivitySearch,
  caseNumber: number | undefined,
  window: { from: string; to: string },
): TimelineParams {
  return { ...window, ...scopeOf(s, caseNumber), category: s.category };
}

/**
 * The explorer's query: the chart's window, scope and categories, narrowed by a click on the
 * chart (`efrom`, `eto`, `ecategory`) to exactly the events of that bucket or point.
 */
export function toExplorerQuery(
  s: ActivitySearch,
  caseNumber: number | undefined,
  window: { from: string; to: string },
): ActivityEventQuery {
  return {
    from: s.efrom ?? window.from,
    to: s.eto ?? window.to,
    ...scopeOf(s, caseNumber),
    category: s.ecategory ?? s.category,
    activityType: s.activityType,
    indicator: s.indicator,
    reviewed: s.reviewed,
    sort: s.sort ?? 'occurredAt',
    order: s.order ?? 'desc',
  };
}

/** The settings a saved activity view keeps (contract/views.ts activityViewFilterKeys). */
export function activityViewSettings(s: ActivitySearch, cols: string | undefined) {
  const kept = {
    window: s.from ? undefined : s.window,
    scope: s.scope,
    category: s.category,
    activityType: s.activityType,
    indicator: s.indicator,
    reviewed: s.reviewed,
  };
  return {
    filters: Object.fromEntries(
      Object.entries(kept).filter((e): e is [string, string] => e[1] !== undefined),
    ),
    columns: cols ? cols.split(',') : [],
    sort: `${s.sort ?? 'occurredAt'}:${s.order ?? 'desc'}`,
  };
}

/**
 * The change of the address that shows a saved view (or, for none, the defaults): every
 * filter it does not keep is cleared, a zoom and a click on the chart included.
 */
export function searchOfActivityView(v: SavedView | undefined): Partial<ActivitySearch> {
  const [sort, order] = (v?.sort ?? 'occurredAt:desc').split(':');
  const kept = parseActivitySearch({
    ...(v?.filters ?? {}),
    sort,
    order,
    cols: v?.columns.length ? v.columns.join(',') : undefined,
  });
  const cleared: Record<keyof ActivitySearch, undefined> = {
    window: undefined,
    from: undefined,
    to: undefined,
    scope: undefined,
    category: undefined,
    efrom: undefined,
    eto: undefined,
    ecategory: undefined,
    activityType: undefined,
    indicator: undefined,
    reviewed: undefined,
    sort: undefined,
    order: undefined,
    cols: undefined,
    event: undefined,
    view: undefined,
  };
  return { ...cleared, ...kept, view: v?.id };
}

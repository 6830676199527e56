import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { ApiError } from './api.ts';
import { AppLayout } from './features/session/AppLayout.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';
import {
  parseDashboardSearch,
  thisMinute,
  toCaseQuery,
} from './features/cases/dashboard-search.ts';
import { parseAlertsSearch } from './features/alerts/alerts-search.ts';
import {
  activityNow,
  parseActivitySearch,
  toExplorerQuery,
  toTimelineQuery,
  windowOf,
  type ActivitySearch,
} from './features/activity/activity-search.ts';
import { activityPageOptions, timelineOptions } from './features/activity/useActivityEvents.ts';
import { parseIncidentsSearch } from './features/incidents/incidents-search.ts';
import { parseSubjectsSearch } from './features/subjects/subjects-search.ts';
import { caseListOptions } from './features/cases/case-list-query.ts';
import { fetchMe } from './features/session/useMe.ts';
import { meKey } from './query-keys.ts';
import { queryClient } from './query-client.ts';

/** The activity page's address: the activity view's values and the case whose scope it offers. */
export type ActivityPageSearch = ActivitySearch & { case?: number };

const rootRoute = createRootRoute({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>): { next?: string } =>
    typeof s.next === 'string' && s.next.startsWith('/') ? { next: s.next } : {},
  component: lazyRouteComponent(() => import('./routes/sign-in.tsx'), 'SignInPage'),
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  // Signed-out people go to the sign-in page, and come back here afterwards.
  beforeLoad: async ({ location }) => {
    try {
      await queryClient.ensureQueryData({ queryKey: meKey, queryFn: fetchMe });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthenticated')
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's redirect protocol
        throw redirect({
          to: '/sign-in',
          search: location.href === '/' ? {} : { next: location.href },
        });
      // Other failures are shown by the layout, with a retry.
    }
  },
  component: AppLayout,
});

const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  validateSearch: parseDashboardSearch,
  // Fetch the first page while the page's code loads, not after.
  loaderDeps: ({ search }) => search,
  loader: ({ deps }) => {
    void queryClient.prefetchQuery(caseListOptions(toCaseQuery(deps, thisMinute()), undefined));
  },
  component: lazyRouteComponent(() => import('./routes/dashboard.tsx'), 'DashboardPage'),
});

const alertsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/alerts',
  validateSearch: parseAlertsSearch,
  component: lazyRouteComponent(() => import('./routes/alerts.tsx'), 'AlertsPage'),
});

const incidentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/incidents',
  validateSearch: parseIncidentsSearch,
  component: lazyRouteComponent(() => import('./routes/incidents.tsx'), 'IncidentsPage'),
});

const incidentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/incidents/$id',
  component: lazyRouteComponent(() => import('./routes/incident.tsx'), 'IncidentPage'),
});

const subjectsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/subjects',
  validateSearch: parseSubjectsSearch,
  component: lazyRouteComponent(() => import('./routes/subjects.tsx'), 'SubjectsPage'),
});

const subjectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/subjects/$id',
  component: lazyRouteComponent(() => import('./routes/subject.tsx'), 'SubjectPage'),
});

export const caseTabs = [
  'overview',
  'tasks',
  'activity',
  'alerts',
  'incidents',
  'evidence',
  'contributors',
] as const;
export type CaseTab = (typeof caseTabs)[number];

const caseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases/$number',
  validateSearch: (s: Record<string, unknown>): { tab?: CaseTab } =>
    caseTabs.includes(s.tab as CaseTab) ? { tab: s.tab as CaseTab } : {},
  component: lazyRouteComponent(() => import('./routes/case.tsx'), 'CasePage'),
});

const subjectActivityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/subjects/$id/activity',
  validateSearch: (s: Record<string, unknown>): ActivityPageSearch => {
    const n = Number(s.case);
    return {
      ...parseActivitySearch(s),
      ...(Number.isSafeInteger(n) && n > 0 ? { case: n } : {}),
    };
  },
  // Fetch the chart's data and the explorer's first page while the page's code loads.
  loaderDeps: ({ search }) => search,
  loader: ({ params, deps: { case: caseNumber, ...search } }) => {
    const subjectId = Number(params.id);
    if (!Number.isSafeInteger(subjectId) || subjectId <= 0) return;
    const window = windowOf(search, activityNow());
    void queryClient.prefetchQuery(
      timelineOptions(subjectId, toTimelineQuery(search, caseNumber, window)),
    );
    void queryClient.prefetchQuery(
      activityPageOptions(subjectId, toExplorerQuery(search, caseNumber, window), undefined),
    );
  },
  component: lazyRouteComponent(
    () => import('./routes/subject-activity.tsx'),
    'SubjectActivityPage',
  ),
});

export const settingsSections = [
  'profile',
  'tokens',
  'statuses',
  'accounts',
  'correlation',
  'privacy',
  'jobs',
  'webhooks',
] as const;
export type SettingsSection = (typeof settingsSections)[number];

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  validateSearch: (s: Record<string, unknown>): { section?: SettingsSection } =>
    settingsSections.includes(s.section as SettingsSection)
      ? { section: s.section as SettingsSection }
      : {},
  component: lazyRouteComponent(() => import('./routes/settings.tsx'), 'SettingsPage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([
    dashboardRoute,
    alertsRoute,
    incidentsRoute,
    incidentRoute,
    subjectsRoute,
    subjectRoute,
    caseRoute,
    subjectActivityRoute,
    settingsRoute,
  ]),
]);

export const router = createRouter({
  routeTree,
  defaultPreload: 'intent',
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

import type { Config } from './config.ts';
import type { AnyRoute } from './http/route.ts';
import type { BlobStore } from './storage/index.ts';
import { accountRoutes } from './modules/accounts/accounts.routes.ts';
import { authRoutes } from './modules/accounts/auth.routes.ts';
import { alertRoutes } from './modules/alerts/alerts.routes.ts';
import { activityRoutes } from './modules/activity/activity.routes.ts';
import { activitiesRoutes } from './modules/activities/activities.routes.ts';
import { alertActivityStore } from './modules/activities/index.ts';
import { caseRoutes } from './modules/cases/cases.routes.ts';
import { evidenceRoutes } from './modules/evidence/evidence.routes.ts';
import { revealRoutes } from './modules/cases/reveals.routes.ts';
import { contributorRoutes } from './modules/contributors/contributors.routes.ts';
import { liveRoutes } from './modules/live/live.routes.ts';
import { jobRoutes } from './modules/jobs/jobs.routes.ts';
import { evidenceVerifyRoutes } from './modules/evidence/verify.routes.ts';
import { caseLinkRoutes } from './modules/incidents/links.routes.ts';
import { incidentRoutes } from './modules/incidents/incidents.routes.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { statusRoutes } from './modules/statuses/statuses.routes.ts';
import { subjectRoutes } from './modules/subjects/subjects.routes.ts';
import { subjectSummaryRoutes } from './modules/subject-summary/subject-summary.routes.ts';
import { taskRoutes } from './modules/tasks/tasks.routes.ts';
import { viewRoutes } from './modules/views/views.routes.ts';
import { webhookRoutes } from './modules/webhooks/webhooks.routes.ts';

/** Every API route; the OpenAPI document and the permission matrix test both read this list. */
export function apiRoutes(config: Config, deps: { evidenceStore?: BlobStore } = {}): AnyRoute[] {
  return [
    ...authRoutes(config),
    ...accountRoutes,
    ...statusRoutes,
    ...caseRoutes,
    ...revealRoutes,
    ...evidenceRoutes(config, deps.evidenceStore),
    ...taskRoutes,
    ...activityRoutes,
    ...contributorRoutes,
    ...viewRoutes,
    ...subjectRoutes,
    ...subjectSummaryRoutes,
    // Alerts may carry activity events: the activities module stores them (it reads alerts,
    // so alerts cannot import it).
    ...alertRoutes(config, {
      storeActivities: alertActivityStore({ futureSkewMinutes: config.ingestFutureSkewMinutes }),
    }),
    ...activitiesRoutes(config),
    ...incidentRoutes,
    ...caseLinkRoutes,
    ...settingsRoutes,
    ...jobRoutes,
    ...evidenceVerifyRoutes,
    ...webhookRoutes(config),
    ...liveRoutes,
  ];
}

import { can, type Actor } from '../access/index.ts';

/** Integrations (the Ingestion service role) and admins post activity, as they post alerts. */
export const canIngestActivity = (actor: Actor): boolean => can(actor, 'alerts.ingest');

/** Activity is read by whoever reads subjects: members who see cases or alerts. */
export const canViewActivity = (actor: Actor): boolean =>
  can(actor, 'cases.view') || can(actor, 'alerts.view');

/** Marking events reviewed is triage work: those who triage alerts or manage cases. */
export const canReviewActivity = (actor: Actor): boolean =>
  can(actor, 'alerts.triage') || can(actor, 'cases.manage');

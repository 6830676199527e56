import { can, type Actor } from '../access/index.ts';

/** Members see alerts; guests and case contributors do not. */
export const canViewAlerts = (actor: Actor): boolean => can(actor, 'alerts.view');

/** Confirming or dismissing needs triage rights on top of seeing alerts. */
export const canTriageAlerts = (actor: Actor): boolean =>
  can(actor, 'alerts.view') && can(actor, 'alerts.triage');

/** Integrations (the Ingestion service role) and admins post alerts. */
export const canIngestAlerts = (actor: Actor): boolean => can(actor, 'alerts.ingest');

import { can, type Actor } from '../access/index.ts';

/** Incidents are groups of alerts: whoever sees alerts sees them; guests do not. */
export const canViewIncidents = (actor: Actor): boolean => can(actor, 'alerts.view');

/** Renaming, assigning and resolving an incident needs triage rights on top of seeing it. */
export const canEditIncidents = (actor: Actor): boolean =>
  can(actor, 'alerts.view') && can(actor, 'alerts.triage');

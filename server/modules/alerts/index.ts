export { listAlerts, presentAlertsById } from './service/list-alerts.ts';
export { presentAlert, severityRank, severityRanks, type AlertView } from './alerts.presenter.ts';
export { canTriageAlerts, canViewAlerts } from './alerts.policy.ts';
export { findAlertRefs } from './service/find-alerts.ts';
export type { StoreAlertActivities } from './service/ingest-alerts.ts';
export { countSubjectAlerts } from './service/subject-alert-counts.ts';

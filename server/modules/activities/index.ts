export { ingestActivities } from './service/ingest-activities.ts';
export { getSubjectRisk } from './service/subject-risk.ts';
export { listActivityDays } from './service/activity-days.ts';
export { refreshRiskJob } from './risk-refresh.job.ts';

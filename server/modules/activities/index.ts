export { ingestActivities } from './service/ingest-activities.ts';
export { getSubjectRisk } from './service/subject-risk.ts';
export { listActivityDays } from './service/activity-days.ts';
export { getTimeline } from './service/timeline.ts';
export { listActivities } from './service/list-activities.ts';
export { getActivity, reviewActivities } from './service/review-activities.ts';
export { alertActivityStore } from './service/alert-activities.ts';
export { refreshRiskJob } from './risk-refresh.job.ts';
export { activityExists } from './service/activity-exists.ts';

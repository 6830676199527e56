export { getSubjectSummary } from './subject-summary.service.ts';

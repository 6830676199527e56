export {
  findSubjectIdsByText,
  getSubject,
  markSubjectActivity,
  subjectsWithRiskDue,
  requireSubject,
  subjectKey,
  upsertSubjects,
} from './subjects.service.ts';
export { subjectRef } from './subjects.presenter.ts';

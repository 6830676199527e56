export {
  getSubject,
  markSubjectActivity,
  subjectActivityMarks,
  subjectsWithRiskDue,
  requireSubject,
  subjectKey,
  upsertSubjects,
} from './subjects.service.ts';
export { subjectRef } from './subjects.presenter.ts';
export { subjectLens, workspaceLens, type SubjectLens } from './lens.ts';
export {
  endReveal,
  listCaseReveals,
  lookUpPseudonym,
  revealSubject,
  type RevealCase,
} from './reveals.service.ts';
export { hiddenSubjectsNamedBy, subjectsNamedBy } from './search.ts';

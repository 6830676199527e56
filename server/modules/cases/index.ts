export { loadCase, requireAssignable, type LoadedCase } from './service/access.ts';
export { adjustCounters, insertSearchDoc, updateSearchDoc } from './cases.repo.ts';
export {
  createCase,
  prepareCase,
  insertPreparedCase,
  type PreparedCase,
} from './service/create-case.ts';
export { findCaseView, findCaseKeys, findCaseNumbers } from './cases.repo.ts';
export { presentCase } from './cases.presenter.ts';
export type { CaseView } from './cases.presenter.ts';
export { caseAccess, seesOnlyContributedCases, type CaseAccess } from './cases.policy.ts';
export { listCases } from './service/list-cases.ts';

export { loadCase, requireAssignable, type LoadedCase } from './service/access.ts';
export { adjustCounters, insertSearchDoc, updateSearchDoc } from './cases.repo.ts';
export { createCase } from './service/create-case.ts';
export type { CaseView } from './cases.presenter.ts';

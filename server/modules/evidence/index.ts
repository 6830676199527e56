export { evidenceRoutes } from './evidence.routes.ts';
export { addEvidence as addCaseEvidence, type IncomingFile } from './service/add-evidence.ts';
export { configureEvidenceContent, evidenceStore } from './content-settings.ts';
export { evidenceStoreOf, prepareEvidenceStore } from './evidence-store.ts';
export { verifyEvidence, type VerifyScope } from './service/verify-evidence.ts';
export { hasProblems } from './service/verify-report.ts';

export { evidenceRoutes, DEFAULT_EVIDENCE_MAX_BYTES } from './evidence.routes.ts';
export { evidenceStoreOf, prepareEvidenceStore } from './evidence-store.ts';
export { verifyEvidence, type VerifyScope } from './service/verify-evidence.ts';
export { hasProblems } from './service/verify-report.ts';

export { evidenceRoutes, DEFAULT_EVIDENCE_MAX_BYTES } from './evidence.routes.ts';
export { addEvidence as addCaseEvidence, type IncomingFile } from './service/add-evidence.ts';

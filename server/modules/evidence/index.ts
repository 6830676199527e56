export { evidenceRoutes } from './evidence.routes.ts';
export { addEvidence as addCaseEvidence, type IncomingFile } from './service/add-evidence.ts';
export { configureEvidenceContent, evidenceStore } from './content-settings.ts';

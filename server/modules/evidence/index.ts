export { evidenceRoutes, DEFAULT_EVIDENCE_MAX_BYTES } from './evidence.routes.ts';
export { configureEvidenceContent, evidenceStore } from './content-settings.ts';

export { evidenceRoutes, DEFAULT_EVIDENCE_MAX_BYTES } from './evidence.routes.ts';

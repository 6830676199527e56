export {
  lockAuditChain,
  recordAudit,
  startAuditChain,
  verifyAuditChain,
  hashEvent,
  GENESIS_HASH,
  listAuditEventsAfter,
  findAuditEvent,
  auditHeadSeq,
} from './audit.service.ts';
export type { AuditInput, ChainReport } from './audit.service.ts';
export { auditActor } from './actor-ref.ts';
export {
  checkAuditAnchors,
  defaultAnchorFile,
  parseAuditAnchors,
  writeAuditAnchors,
  type AuditAnchor,
} from './anchors.ts';

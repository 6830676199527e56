import { hashEvent } from '../server/modules/audit/index.ts';
import type { AuditDraft } from './dataset.ts';

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface AuditRow {
  seq: number;
  occurredAt: string;
  actorId: number;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  caseId: number;
  before: null;
  after: string;
  prevHash: string;
  hash: string;
}

/** Appends seeded "case.created" events to the workspace's chain, advancing `head` in place. */
export function chainAudits(drafts: AuditDraft[], head: ChainHead): AuditRow[] {
  return drafts.map((d) => {
    const row: AuditRow = {
      seq: head.seq + 1,
      occurredAt: d.occurredAt,
      actorId: d.actorId,
      actorName: d.actorName,
      action: 'case.created',
      targetType: 'case',
      targetId: d.targetId,
      caseId: d.caseId,
      before: null,
      after: d.after,
      prevHash: head.hash,
      hash: '',
    };
    row.hash = hashEvent(head.hash, row);
    head.seq = row.seq;
    head.hash = row.hash;
    return row;
  });
}

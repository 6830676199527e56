import type {
  CustodyEntry,
  EvidenceItem,
  EvidenceKind,
  EvidenceMessageSummary,
} from '../../../contract/evidence.ts';
import type { EvidenceCustodyRow } from '../../db/schema.ts';
import type { EvidenceRow } from './evidence.repo.ts';

type MessageStatus = EvidenceMessageSummary['status'];
type ThumbnailStatus = NonNullable<EvidenceItem['thumbnail']>;

function firstMailbox(json: string | null): EvidenceMessageSummary['from'] {
  if (json === null) return null;
  const list = JSON.parse(json) as { name: string; address: string }[];
  return list[0] ?? null;
}

function messageSummary(r: EvidenceRow): EvidenceMessageSummary | null {
  if (r.messageStatus === null) return null;
  return {
    status: r.messageStatus as MessageStatus,
    from: firstMailbox(r.messageFrom),
    subject: r.messageSubject,
    sentAt: r.messageSentAt,
    attachments: Number(r.attachmentCount ?? 0),
  };
}

export const presentEvidence = (r: EvidenceRow, caseNumber: number): EvidenceItem => ({
  id: r.id,
  caseNumber,
  kind: r.kind as EvidenceKind,
  name: r.name,
  sha256: r.sha256,
  sizeBytes: Number(r.sizeBytes),
  claimedType: r.claimedType,
  detectedType: r.detectedType,
  note: r.note,
  parentId: r.parentId,
  acquiredAt: r.acquiredAt,
  acquisitionMethod: r.acquisitionMethod,
  capturedAt: r.capturedAt,
  activityId: r.activityId,
  alertId: r.alertId,
  addedBy: { id: r.addedBy, name: r.addedByName },
  addedAt: r.addedAt,
  removed:
    r.removedAt === null
      ? null
      : {
          at: r.removedAt,
          by: { id: r.removedBy ?? 0, name: r.removedByName ?? '' },
          reason: r.removalReason ?? '',
        },
  custodyEntries: r.custodySeq,
  message: messageSummary(r),
  thumbnail: r.thumbnailStatus as ThumbnailStatus | null,
});

export const presentCustody = (e: EvidenceCustodyRow): CustodyEntry => ({
  seq: e.seq,
  action: e.action as CustodyEntry['action'],
  actor: e.actorId === null ? null : { id: e.actorId, name: e.actorName },
  at: e.at,
  address: e.address,
  purpose: e.purpose,
  details: JSON.parse(e.details) as Record<string, unknown>,
  prevHash: e.prevHash,
  hash: e.hash,
});

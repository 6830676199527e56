import { subjectRef } from '../subjects/index.ts';
import type { CaseAccess } from './cases.policy.ts';
import type { CaseViewRow } from './cases.repo.ts';

const ref = (id: number | null, name: string | null) =>
  id === null ? null : { id, name: name ?? '(deleted)' };

/** The case as the API shows it. */
export function presentCase(row: CaseViewRow) {
  return {
    number: row.number,
    title: row.title,
    description: row.description,
    priority: row.priority as 'very_low' | 'low' | 'medium' | 'high' | 'critical',
    status: {
      id: row.statusId,
      name: row.statusName,
      category: row.statusCategory as 'new' | 'active' | 'closed',
    },
    assignee: ref(row.assigneeId, row.assigneeName),
    dueAt: row.dueAt,
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.createdAt,
    createdBy: ref(row.createdBy, row.createdByName),
    updatedAt: row.updatedAt,
    updatedBy: ref(row.updatedBy, row.updatedByName),
    version: row.version,
    resolution:
      row.resolutionClassification && row.resolvedAt
        ? {
            classification: row.resolutionClassification as 'benign' | 'confirmed_violation',
            reason: row.resolutionReason ?? '',
            resolvedAt: row.resolvedAt,
            resolvedBy: ref(row.resolvedBy, row.resolvedByName),
          }
        : null,
    taskCounts: { total: row.taskTotal, open: row.taskOpen },
    commentCount: row.commentCount,
    subject: subjectRef(row.subjectId, row.subjectName, row.subjectEmail),
    alertCount: Number(row.alertCount ?? 0),
  };
}
export type CaseView = ReturnType<typeof presentCase>;

/** The case with what the caller may do with it, so the console never works that out itself. */
export const presentCaseDetail = (row: CaseViewRow, access: CaseAccess) => ({
  ...presentCase(row),
  access: {
    canEdit: access.canManage,
    canComment: access.canComment,
    canManageContributors: access.canManageContributors,
    canRevealSubject: access.canRevealSubject,
    canManageEvidence: access.canManageEvidence,
    underLegalHold: row.legalHoldAt !== null,
  },
});
export type CaseDetailView = ReturnType<typeof presentCaseDetail>;

export const priorityRank = { very_low: 1, low: 2, medium: 3, high: 4, critical: 5 } as const;

export const caseSearchBody = (c: { title: string; description: string; tags: string[] }) =>
  [c.title, c.description, c.tags.join(' ')].join('\n');

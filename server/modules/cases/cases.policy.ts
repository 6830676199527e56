import { can, type Actor } from '../access/index.ts';

/** What an actor may do with one case; `isContributor` says whether it was added to it. */
export interface CaseAccess {
  canView: boolean;
  canComment: boolean;
  canManage: boolean;
  canManageContributors: boolean;
  canRevealSubject: boolean;
  canManageEvidence: boolean;
}

export function caseAccess(actor: Actor, isContributor: boolean): CaseAccess {
  const member = can(actor, 'cases.view');
  return {
    canView: member || isContributor,
    canComment: (member && can(actor, 'comments.add')) || isContributor,
    canManage: member && can(actor, 'cases.manage'),
    canManageContributors: member && can(actor, 'contributors.manage'),
    canRevealSubject: member && can(actor, 'subjects.reveal'),
    canManageEvidence: member && can(actor, 'evidence.manage'),
  };
}

/** Accounts without workspace-wide case access see only the cases they contribute to. */
export const seesOnlyContributedCases = (actor: Actor): boolean => !can(actor, 'cases.view');

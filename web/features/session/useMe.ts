import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken, type MeInfo } from '../../api.ts';
import { meKey } from '../../query-keys.ts';

/** The signed-in account; keeps the CSRF token for writes up to date. */
export async function fetchMe(): Promise<MeInfo> {
  const me = await api.me();
  setCsrfToken(me.csrfToken);
  return me;
}

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: fetchMe,
    staleTime: 60_000,
    retry: false,
  });
}

/** What the signed-in account may do, workspace-wide and on one case. */
export function accessOf(me: MeInfo) {
  const has = (p: string) => me.permissions.includes(p);
  const member = has('cases.view');
  return {
    has,
    isMember: member,
    canCreateCases: member && has('cases.manage'),
    canManageCases: member && has('cases.manage'),
    // A non-member who can open a case is one of its contributors: view and comment only.
    canComment: has('comments.add') || !member,
    canManageContributors: member && has('contributors.manage'),
    // The views routes keep saved views for those who see the case queue (views.policy).
    canKeepViews: member,
    // The server lets whoever may triage alerts change an incident's title, status and assignee.
    canEditIncidents: has('alerts.triage'),
    // The server lets those who triage alerts or manage cases mark activity events reviewed.
    canReviewActivity: has('alerts.triage') || has('cases.manage'),
    canCustomizeStatuses: has('statuses.customize'),
    isAdmin: has('admin.manage'),
  };
}
export type Access = ReturnType<typeof accessOf>;

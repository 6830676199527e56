import type { Permission } from './permissions.ts';

type Perms = ReadonlySet<Permission>;

/**
 * Whether an account with these permissions may hold case work (be a case's assignee, a task's
 * owner, an incident's assignee): it must see the workspace's cases and manage them.
 */
export const mayWorkCases = (perms: Perms): boolean =>
  perms.has('cases.view') && perms.has('cases.manage');

/**
 * Whether an account with these permissions may be added to a case as a contributor: any
 * person may (a guest is the reason contributors exist), an integration's service account may
 * not; it posts alerts and sees no cases.
 */
export const mayContribute = (perms: Perms): boolean =>
  !(perms.has('alerts.ingest') && !perms.has('cases.view'));

import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { useMe } from './useMe.ts';

export const statusesKey = ['case-statuses'] as const;
export const accountsKey = ['accounts'] as const;

export function useStatuses() {
  return useQuery({ queryKey: statusesKey, queryFn: api.listStatuses, staleTime: 60_000 });
}

/** The workspace's accounts; only members may list them (guests see names on records only). */
export function useAccounts() {
  const me = useMe();
  const isMember = me.data?.permissions.includes('cases.view') ?? false;
  return useQuery({
    queryKey: accountsKey,
    queryFn: api.listAccounts,
    staleTime: 60_000,
    enabled: isMember,
  });
}

export const rolesKey = ['roles'] as const;

/** The workspace's roles and their permissions. */
export function useRoles(enabled = true) {
  return useQuery({ queryKey: rolesKey, queryFn: api.listRoles, staleTime: 60_000, enabled });
}

/**
 * Select options of the active accounts. With `assignable`, only those whose role may work
 * cases (view and manage them), as the server requires of assignees and task owners: a viewer
 * or a guest is not offered.
 */
export function useAccountOptions(opts: { assignable?: boolean } = {}) {
  const accounts = useAccounts();
  const roles = useRoles(opts.assignable === true);
  const canWork = new Set(
    (roles.data?.items ?? [])
      .filter((r) => r.permissions.includes('cases.view') && r.permissions.includes('cases.manage'))
      .map((r) => r.key),
  );
  return (accounts.data?.items ?? [])
    .filter((a) => !a.disabled && (!opts.assignable || canWork.has(a.role)))
    .map((a) => ({ value: String(a.id), label: a.name }));
}

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

/** Select options of the active accounts. */
export function useAccountOptions() {
  const accounts = useAccounts();
  return (accounts.data?.items ?? [])
    .filter((a) => !a.disabled)
    .map((a) => ({ value: String(a.id), label: a.name }));
}

import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { useMe } from './useMe.ts';
import { accountsKey, statusesKey } from '../../query-keys.ts';

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

/**
 * Select options of accounts, as the server says each may be used (`canWorkCases`,
 * `canContribute`): `work` offers those that may be assigned cases, tasks and incidents,
 * `contribute` those that may be added to a case, `any` every account (a filter's "show all").
 * `keep` names accounts to offer anyway, such as the current assignee, so a value that no
 * longer qualifies still shows its name.
 */
export function useAccountOptions(
  purpose: 'work' | 'contribute' | 'any',
  keep: ReadonlyArray<{ id: number; name: string } | null | undefined> = [],
) {
  const accounts = useAccounts();
  const items = accounts.data?.items ?? [];
  const fits = (a: (typeof items)[number]) =>
    purpose === 'work' ? a.canWorkCases : purpose === 'contribute' ? a.canContribute : true;
  const options = items
    .filter(fits)
    .map((a) => ({ value: String(a.id), label: a.disabled ? `${a.name} (disabled)` : a.name }));
  for (const k of keep)
    if (k && !options.some((o) => o.value === String(k.id)))
      options.push({ value: String(k.id), label: k.name });
  return options;
}

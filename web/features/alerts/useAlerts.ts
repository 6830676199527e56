import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type AlertQuery } from '../../api.ts';
import { alertKey, alertsKey, casesKey, incidentsKey, linksKey } from '../../query-keys.ts';

/** One page of the alert queue; the previous page stays on screen while the next loads. */
export function useAlertList(query: AlertQuery, cursor: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...alertsKey, 'list', query, cursor ?? null],
    queryFn: () => api.listAlerts({ ...query, cursor }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    enabled,
  });
}

/** How many alerts the queue's filters match (exactly up to 10,000), apart from its pages. */
export function useAlertTotal(query: AlertQuery) {
  return useQuery({
    queryKey: [...alertsKey, 'total', query],
    queryFn: async () => (await api.listAlerts({ ...query, limit: 1, total: 'true' })).total,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useAlert(id: number | undefined) {
  return useQuery({
    queryKey: alertKey(id ?? 0),
    queryFn: () => api.getAlert(id as number),
    enabled: id !== undefined,
  });
}

/**
 * Triage, links and resolving or reopening a case change alerts (their status), cases (new
 * ones, alert counts), case links and the incident queue and pages: refresh them all.
 */
export function useTriageRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: alertsKey }),
      queryClient.invalidateQueries({ queryKey: incidentsKey }),
      queryClient.invalidateQueries({ queryKey: casesKey }),
      queryClient.invalidateQueries({ queryKey: ['case'] }),
      queryClient.invalidateQueries({ queryKey: ['case-links'] }),
      queryClient.invalidateQueries({ queryKey: ['incident'] }),
    ]);
}

export function useCaseLinks(number: number, enabled = true) {
  return useQuery({
    queryKey: linksKey(number),
    queryFn: () => api.listCaseLinks(number),
    enabled,
  });
}

export function useUnlink(number: number) {
  const refresh = useTriageRefresh();
  return useMutation({
    mutationFn: ({ kind, id }: { kind: 'alert' | 'incident'; id: number }) =>
      api.unlinkFromCase(number, kind, id),
    onSettled: refresh,
  });
}

import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type IncidentInfo, type IncidentQuery } from '../../api.ts';
import { errorMessage, nextStep } from '../../components/ErrorState.tsx';
import { useTriageRefresh } from '../alerts/useAlerts.ts';
import { incidentKey, incidentsKey } from '../../query-keys.ts';

/** One page of the incident queue; the previous page stays on screen while the next loads. */
export function useIncidentList(query: IncidentQuery, cursor: string | undefined) {
  return useQuery({
    queryKey: [...incidentsKey, 'list', query, cursor ?? null],
    queryFn: () => api.listIncidents({ ...query, cursor }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

/** How many incidents the queue's filters match (exactly up to 10,000), apart from its pages. */
export function useIncidentTotal(query: IncidentQuery) {
  return useQuery({
    queryKey: [...incidentsKey, 'total', query],
    queryFn: async () => (await api.listIncidents({ ...query, limit: 1, total: 'true' })).total,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useIncident(id: number) {
  return useQuery({ queryKey: incidentKey(id), queryFn: () => api.getIncident(id) });
}

/**
 * Changes the incident's title, status or assignee at the version shown (or `atVersion`, the
 * version an editor opened on: live updates refresh the incident underneath); a status change
 * resolves or confirms again its alerts, so alerts and cases are refreshed too. When someone
 * changed it first, the page reloads their version and says so; nothing was changed.
 */
export function useUpdateIncident(incident: IncidentInfo, atVersion?: number) {
  const queryClient = useQueryClient();
  const refresh = useTriageRefresh();
  const key = incidentKey(incident.id);
  return useMutation({
    mutationFn: (patch: Parameters<typeof api.updateIncident>[1]) =>
      api.updateIncident(incident.id, patch, atVersion ?? incident.version),
    onSuccess: async (updated) => {
      queryClient.setQueryData<IncidentInfo>(key, (old) => (old ? { ...old, ...updated } : old));
      await refresh();
    },
    onError: (error) => {
      const stale = error instanceof ApiError && error.code === 'precondition_failed';
      if (stale) void queryClient.invalidateQueries({ queryKey: key });
      notifications.show({
        color: 'red',
        title: stale ? 'Someone else changed this incident' : 'The incident was not changed',
        message: stale
          ? 'Your change was not saved. The page now shows their version: check it, then redo your change.'
          : `${errorMessage(error)} ${nextStep(error)}`,
      });
    },
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ActivityEventQuery, type TimelineParams } from '../../api.ts';
import { activityEventKey, activityEventsKey } from '../../query-keys.ts';

export function useTimeline(subjectId: number, query: TimelineParams) {
  return useQuery({
    queryKey: [...activityEventsKey(subjectId), 'timeline', query],
    queryFn: () => api.getTimeline(subjectId, query),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** One explorer page; the previous stays on screen while the next loads. */
export function useActivityEvents(
  subjectId: number,
  query: ActivityEventQuery,
  cursor: string | undefined,
) {
  return useQuery({
    queryKey: [...activityEventsKey(subjectId), 'list', query, cursor ?? null],
    queryFn: () => api.listActivityEvents(subjectId, { ...query, cursor, limit: 50 }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

/** How many events the explorer's filters match (exactly up to 10,000). */
export function useActivityEventTotal(subjectId: number, query: ActivityEventQuery) {
  return useQuery({
    queryKey: [...activityEventsKey(subjectId), 'total', query],
    queryFn: async () =>
      (await api.listActivityEvents(subjectId, { ...query, limit: 1, total: 'true' })).total,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useActivityEvent(id: number | undefined) {
  return useQuery({
    queryKey: activityEventKey(id ?? 0),
    queryFn: () => api.getActivityEvent(id as number),
    enabled: id !== undefined,
  });
}

/** Marks events reviewed or unreviewed, then refreshes the subject's lists and the events. */
export function useReviewEvents(subjectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ids, reviewed }: { ids: number[]; reviewed: boolean }) =>
      api.reviewActivityEvents(ids, reviewed),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: activityEventsKey(subjectId) }),
        queryClient.invalidateQueries({ queryKey: ['activity-event'] }),
      ]),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ActivityEventQuery, type TimelineParams } from '../../api.ts';
import { activityEventKey, activityEventsKey } from '../../query-keys.ts';

/** The timeline's query; shared by the page and the route's prefetch. */
export const timelineOptions = (subjectId: number, query: TimelineParams) => ({
  queryKey: [...activityEventsKey(subjectId), 'timeline', query],
  queryFn: () => api.getTimeline(subjectId, query),
  staleTime: 30_000,
});

/** One explorer page's query; shared by the page and the route's prefetch. */
export const activityPageOptions = (
  subjectId: number,
  query: ActivityEventQuery,
  cursor: string | undefined,
) => ({
  queryKey: [...activityEventsKey(subjectId), 'list', query, cursor ?? null],
  queryFn: () => api.listActivityEvents(subjectId, { ...query, cursor, limit: 50 }),
  staleTime: 10_000,
});

export function useTimeline(subjectId: number, query: TimelineParams) {
  return useQuery({ ...timelineOptions(subjectId, query), placeholderData: keepPreviousData });
}

/** One explorer page; the previous stays on screen while the next loads. */
export function useActivityEvents(
  subjectId: number,
  query: ActivityEventQuery,
  cursor: string | undefined,
) {
  return useQuery({
    ...activityPageOptions(subjectId, query, cursor),
    placeholderData: keepPreviousData,
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

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type CaseQuery } from '../../api.ts';
import { caseListOptions } from './case-list-query.ts';
import { casesKey } from '../../query-keys.ts';

/** One page of the case queue; the previous page stays on screen while the next loads. */

export function useCaseList(query: CaseQuery, cursor: string | undefined) {
  return useQuery({
    ...caseListOptions(query, cursor),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

/** How many cases the queue's filters match (exactly up to 10,000), apart from its pages. */
export function useCaseTotal(query: CaseQuery) {
  return useQuery({
    queryKey: [...casesKey, 'total', query],
    queryFn: async () => (await api.listCases({ ...query, limit: 1, total: 'true' })).total,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useBulkUpdate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.bulkUpdateCases,
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

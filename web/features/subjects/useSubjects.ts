import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type SubjectQuery } from '../../api.ts';
import { subjectKey, subjectsKey } from '../../query-keys.ts';

/** One page of the subject list; the previous page stays on screen while the next loads. */
export function useSubjectList(query: SubjectQuery, cursor: string | undefined) {
  return useQuery({
    queryKey: [...subjectsKey, 'list', query, cursor ?? null],
    queryFn: () => api.listSubjectPage({ ...query, cursor }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useSubject(id: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [...subjectKey(id ?? 0), 'record'],
    queryFn: () => api.getSubject(id!),
    enabled: enabled && id !== undefined,
    staleTime: 30_000,
  });
}

export function useSubjectSummary(id: number) {
  return useQuery({
    queryKey: [...subjectKey(id), 'summary'],
    queryFn: () => api.getSubjectSummary(id),
    staleTime: 10_000,
  });
}

export function useSubjectRisk(id: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [...subjectKey(id ?? 0), 'risk'],
    queryFn: () => api.getSubjectRisk(id!),
    enabled: enabled && id !== undefined,
    staleTime: 30_000,
  });
}

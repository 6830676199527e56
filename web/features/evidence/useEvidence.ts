import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api, type EvidenceFields, type EvidenceQuery } from '../../api.ts';
import { activityKey, evidenceItemKey, evidenceKey } from '../../query-keys.ts';
import { createUploadQueue, type UploadEntry } from './upload-queue.ts';

const PAGE = 50;

/** The case's evidence, newest first, page after page ("Load more"). */
export function useEvidenceList(number: number, query: EvidenceQuery) {
  return useInfiniteQuery({
    queryKey: [...evidenceKey(number), 'list', query],
    queryFn: ({ pageParam }) =>
      api.listEvidence(number, { ...query, cursor: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** One item with its custody log; off while `id` is undefined. */
export function useEvidenceItem(number: number, id: number | undefined) {
  return useQuery({
    queryKey: evidenceItemKey(number, id ?? 0),
    queryFn: () => api.getEvidence(number, id ?? 0),
    enabled: id !== undefined,
  });
}

/** What a change to a case's evidence makes stale: its lists and items, and the activity log. */
export function useEvidenceRefresh(number: number) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: evidenceKey(number) }),
      client.invalidateQueries({ queryKey: activityKey(number) }),
    ]);
}

export function useRemoveEvidence(number: number, id: number) {
  const refresh = useEvidenceRefresh(number);
  return useMutation({
    mutationFn: (reason: string) => api.removeEvidence(number, id, reason),
    onSuccess: () => refresh(),
  });
}

const uploads = createUploadQueue();

/** The uploads of one case, as they go; they carry on while another tab is shown. */
export function useUploads(number: number) {
  const refresh = useEvidenceRefresh(number);
  const all = useSyncExternalStore(uploads.subscribe, uploads.snapshot);
  const entries: UploadEntry[] = all.filter((e) => e.caseNumber === number);
  return {
    entries,
    add: (files: readonly File[], fields: EvidenceFields) =>
      uploads.add(
        number,
        files,
        (file, onProgress) => api.uploadEvidence(number, file, fields, onProgress),
        () => void refresh(),
      ),
    cancel: uploads.cancel,
    clearFinished: () => uploads.clearFinished(number),
  };
}

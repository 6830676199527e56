import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import {
  api,
  ApiError,
  type EvidenceFields,
  type EvidenceItem,
  type EvidenceQuery,
} from '../../api.ts';
import { activityKey, evidenceItemKey, evidenceKey, evidenceMessageKey } from '../../query-keys.ts';
import { createUploadQueue, type UploadEntry } from './upload-queue.ts';

const PAGE = 50;

const isBeingWorked = (i: EvidenceItem) =>
  i.message?.status === 'pending' || i.thumbnail === 'pending';

/**
 * The case's evidence, newest first, page after page ("Load more"); asked again every 3 s
 * while the server is still reading an e-mail or making a thumbnail of a shown item.
 */
export function useEvidenceList(number: number, query: EvidenceQuery) {
  return useInfiniteQuery({
    queryKey: [...evidenceKey(number), 'list', query],
    queryFn: ({ pageParam }) =>
      api.listEvidence(number, { ...query, cursor: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some(isBeingWorked)) ? 3000 : false,
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

/** Whether the server answered that an e-mail is still being parsed. */
export const isPendingParse = (error: unknown): boolean =>
  error instanceof ApiError &&
  error.status === 409 &&
  (error.details as { status?: string } | undefined)?.status === 'pending';

/** An e-mail item as parsed; asked again every 2 s while the server is still parsing it. */
export function useEvidenceMessage(number: number, id: number) {
  return useQuery({
    queryKey: evidenceMessageKey(number, id),
    queryFn: () => api.getEvidenceMessage(number, id),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    refetchInterval: (query) => (isPendingParse(query.state.error) ? 2000 : false),
  });
}

/** The raw header block of an e-mail item; off until `enabled`. */
export function useRawHeaders(number: number, id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...evidenceMessageKey(number, id), 'raw-headers'],
    queryFn: () => api.getEvidenceRawHeaders(number, id),
    enabled,
    staleTime: Infinity,
  });
}

/** Adds an attachment of an e-mail item as evidence of its own. */
export function useAddAttachment(number: number, id: number) {
  const refresh = useEvidenceRefresh(number);
  return useMutation({
    mutationFn: (index: number) => api.addAttachmentEvidence(number, id, index),
    onSuccess: () => refresh(),
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

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { notifications } from '@mantine/notifications';
import { api, ApiError, type CaseDetail } from '../../api.ts';
import { errorMessage, nextStep } from '../../components/ErrorState.tsx';
import { activityKey, caseKey, casesKey } from '../../query-keys.ts';

export function useCase(number: number) {
  return useQuery({ queryKey: caseKey(number), queryFn: () => api.getCase(number) });
}

/** A change refused because someone else changed the thing first (a stale If-Match). */
export const isStale = (error: unknown): boolean =>
  error instanceof ApiError && error.code === 'precondition_failed';

/**
 * Shows a failed change with what to do next. A stale version reloads the case and says that
 * someone else changed it (`staleTitle`): the page now shows their version.
 */
export function useFailureNotice(number: number) {
  const queryClient = useQueryClient();
  return (title: string, staleTitle = 'Someone else changed this case') =>
    (error: unknown) => {
      if (isStale(error)) {
        void queryClient.invalidateQueries({ queryKey: caseKey(number) });
        notifications.show({
          color: 'red',
          title: staleTitle,
          message:
            'Your change was not saved. The page now shows their version: check it, then redo your change.',
        });
        return;
      }
      notifications.show({
        color: 'red',
        title,
        message: `${errorMessage(error)} ${nextStep(error)}`,
      });
    };
}

/** Refreshes what a change to a case affects: the case, its activity, and the queue. */
export function useCaseRefresh(number: number) {
  const queryClient = useQueryClient();
  return async (updated?: CaseDetail) => {
    if (updated) queryClient.setQueryData(caseKey(number), updated);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: caseKey(number) }),
      queryClient.invalidateQueries({ queryKey: activityKey(number) }),
      queryClient.invalidateQueries({ queryKey: casesKey }),
    ]);
  };
}

type CasePatch = Parameters<typeof api.updateCase>[1];

/** Changes case fields at the version shown; a refusal is told in a notification. */
export function useUpdateCase(c: CaseDetail) {
  const refresh = useCaseRefresh(c.number);
  const fail = useFailureNotice(c.number);
  return useMutation({
    mutationFn: (patch: CasePatch) => api.updateCase(c.number, patch, c.version),
    onSuccess: (updated) => refresh(updated),
    onError: fail('The case was not changed'),
  });
}

/**
 * Saves an edit made in place (title, description, tags) at the version shown when the editor
 * opened: live updates refresh the case underneath, and an edit begun on an older version must
 * not overwrite a change it never showed. A refusal is shown by the editor itself, which keeps
 * what was typed; a stale version reloads the case so that their version is there to see, and
 * a second save is then made on it.
 */
export function useCaseEdit(c: CaseDetail) {
  const refresh = useCaseRefresh(c.number);
  const queryClient = useQueryClient();
  const base = useRef(c.version);
  return useMutation({
    mutationFn: (patch: CasePatch) => api.updateCase(c.number, patch, base.current),
    onSuccess: async (updated) => {
      if (updated) base.current = updated.version;
      await refresh(updated);
    },
    onError: async (error) => {
      if (!isStale(error)) return;
      await queryClient.invalidateQueries({ queryKey: caseKey(c.number) });
      base.current =
        queryClient.getQueryData<CaseDetail>(caseKey(c.number))?.version ?? base.current;
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, ApiError, type Case } from '../../api.ts';
import { errorMessage, nextStep } from '../../components/ErrorState.tsx';
import { casesKey } from '../cases/useCases.ts';

export const caseKey = (n: number) => ['case', n] as const;

export function useCase(number: number) {
  return useQuery({ queryKey: caseKey(number), queryFn: () => api.getCase(number) });
}

/** Shows a failed change with what to do next; a stale version reloads the case. */
export function useFailureNotice(number: number) {
  const queryClient = useQueryClient();
  return (title: string) => (error: unknown) => {
    if (error instanceof ApiError && error.code === 'precondition_failed')
      void queryClient.invalidateQueries({ queryKey: caseKey(number) });
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
  return async (updated?: Case) => {
    if (updated) queryClient.setQueryData(caseKey(number), updated);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: caseKey(number) }),
      queryClient.invalidateQueries({ queryKey: ['activity', number] }),
      queryClient.invalidateQueries({ queryKey: casesKey }),
    ]);
  };
}

export function useUpdateCase(c: Case) {
  const refresh = useCaseRefresh(c.number);
  const fail = useFailureNotice(c.number);
  return useMutation({
    mutationFn: (patch: Parameters<typeof api.updateCase>[1]) =>
      api.updateCase(c.number, patch, c.version),
    onSuccess: (updated) => refresh(updated),
    onError: fail('The case was not changed'),
  });
}

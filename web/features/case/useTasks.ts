import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Task } from '../../api.ts';
import { useCaseRefresh, useFailureNotice } from './useCase.ts';
import { tasksKey } from '../../query-keys.ts';

export function useTasks(number: number) {
  return useQuery({ queryKey: tasksKey(number), queryFn: () => api.listTasks(number) });
}

export function useTaskMutations(number: number) {
  const queryClient = useQueryClient();
  const refreshCase = useCaseRefresh(number);
  const fail = useFailureNotice(number);
  const onSettled = async () => {
    await queryClient.invalidateQueries({ queryKey: tasksKey(number) });
    await refreshCase();
  };
  return {
    create: useMutation({
      mutationFn: (body: Parameters<typeof api.createTask>[1]) => api.createTask(number, body),
      onSettled,
    }),
    update: useMutation({
      mutationFn: (v: { task: Task; patch: Parameters<typeof api.updateTask>[2] }) =>
        api.updateTask(number, v.task.id, v.patch, v.task.version),
      onSettled,
      onError: fail('The task was not changed', 'Someone else changed this task'),
    }),
  };
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { viewsKey } from '../../query-keys.ts';

export function useViews(enabled: boolean) {
  return useQuery({ queryKey: viewsKey, queryFn: api.listViews, enabled, staleTime: 30_000 });
}

export function useViewMutations() {
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries({ queryKey: viewsKey });
  return {
    create: useMutation({ mutationFn: api.createView, onSettled }),
    update: useMutation({
      mutationFn: (v: { id: number; body: Parameters<typeof api.updateView>[1] }) =>
        api.updateView(v.id, v.body),
      onSettled,
    }),
    remove: useMutation({ mutationFn: api.deleteView, onSettled }),
  };
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ViewKind } from '../../api.ts';
import { viewsKey, viewsOfKindKey } from '../../query-keys.ts';

export function useViews(kind: ViewKind, enabled: boolean) {
  return useQuery({
    queryKey: viewsOfKindKey(kind),
    queryFn: () => api.listViews(kind),
    enabled,
    staleTime: 30_000,
  });
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

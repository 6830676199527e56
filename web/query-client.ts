import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

/** Server state: retry only what may succeed on retry (network or 5xx), never a refusal. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      retry: (count, error) =>
        count < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
  },
});

import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

/** A request that never reached the server is tried twice more; an answer (a refusal, a 5xx) stands. */
const NETWORK_RETRIES = 2;

/**
 * The web app's one cache of server state. Screens refetch what they show when the window regains focus
 * and when they mount again (showing what they had meanwhile); only network failures are retried.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: true,
        retry: (failures, error) => failures < NETWORK_RETRIES && error instanceof ApiError && error.status === 0,
      },
      mutations: { retry: false },
    },
  });
}

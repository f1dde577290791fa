import type { UseQueryResult } from '@tanstack/react-query';

type Loadable = Pick<UseQueryResult, 'data' | 'error' | 'refetch'>;

/**
 * What a screen shows instead of itself (see LoadFailure): the first of its queries that failed with
 * nothing to show, and a retry of every one that failed. A failed refetch keeps what was shown.
 */
export function failureOf(...queries: readonly Loadable[]): { message: string; onRetry: () => void } | null {
  const failed = queries.filter((query) => query.error && query.data === undefined);
  const first = failed[0]?.error;
  if (!first) return null;
  return { message: first.message, onRetry: () => failed.forEach((query) => void query.refetch()) };
}

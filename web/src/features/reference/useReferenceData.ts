import { useCallback, useEffect, useState } from 'react';
import type { BatchSummary } from '#contract';
import type { ApiError } from '../../api/client';
import { referenceApi } from '../../api/endpoints';
import type { ReferenceData } from '../../api/types';

export interface ReferenceBundle {
  reference: ReferenceData;
  batches: BatchSummary[];
}

let cached: Promise<ReferenceBundle> | null = null;

function loadOnce(): Promise<ReferenceBundle> {
  if (!cached) {
    cached = Promise.all([referenceApi.reference(), referenceApi.batches()]).then(([reference, batches]) => ({
      reference,
      batches,
    }));
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

/** Regions, authorities and batches: they change once a year, so one load per page visit is enough. */
export function useReferenceData(): { data: ReferenceBundle | null; error: ApiError | null; retry: () => void } {
  const [data, setData] = useState<ReferenceBundle | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    setError(null);
    loadOnce().then(setData, setError);
  }, []);
  useEffect(load, [load]);
  return { data, error, retry: load };
}

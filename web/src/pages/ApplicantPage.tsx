import { Alert, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApplicationView } from '#contract';
import type { ApiError } from '../api/client';
import { applicantApi } from '../api/endpoints';
import { ApplicationWorkspace } from '../features/application/ApplicationWorkspace';
import { LoadFailure } from '../features/common/LoadFailure';
import { useReferenceData } from '../features/reference/useReferenceData';

export function ApplicantPage() {
  const reference = useReferenceData();
  const [view, setView] = useState<ApplicationView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(() => {
    setError(null);
    applicantApi.myApplication().then(setView, setError);
  }, []);
  useEffect(load, [load]);

  const failure = error ?? reference.error;
  if (failure) {
    return (
      <LoadFailure
        message={failure.message}
        onRetry={() => {
          load();
          reference.retry();
        }}
      />
    );
  }
  if (!view || !reference.data) return <Spin size="large" className="page-spin" description="正在加载申报书…" />;

  const batch = reference.data.batches.find((b) => b.id === view.batchId);
  if (!batch) return <Alert type="error" showIcon title="找不到本申报所属的批次，请联系管理员。" />;
  const region = reference.data.reference.regions.find((r) => r.code === view.regionCode);
  return <ApplicationWorkspace initialView={view} batch={batch} region={region} />;
}

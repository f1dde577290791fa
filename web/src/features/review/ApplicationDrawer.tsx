import { Button, Drawer, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ApplicationView } from '../../../../shared/src/index.js';
import type { ApiError } from '../../api/client';
import { applicationsApi } from '../../api/endpoints';
import { LoadFailure } from '../common/LoadFailure';
import type { ReferenceBundle } from '../reference/useReferenceData';
import { ApplicationDetail } from './ApplicationDetail';

interface ApplicationDrawerProps {
  applicationId: string | null;
  title: string;
  reference: ReferenceBundle;
  onClose: () => void;
}

export function ApplicationDrawer({ applicationId, title, reference, onClose }: ApplicationDrawerProps) {
  const [view, setView] = useState<ApplicationView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setView(null);
    setError(null);
    if (applicationId) applicationsApi.get(applicationId).then(setView, setError);
  }, [applicationId, attempt]);

  const config = reference.batches.find((b) => b.id === view?.batchId)?.config;
  const regionName = reference.reference.regions.find((r) => r.code === view?.regionCode)?.name ?? view?.regionCode ?? '';
  return (
    <Drawer
      open={applicationId !== null}
      onClose={onClose}
      size={960}
      title={title}
      destroyOnHidden
      extra={
        view?.submittedAt && (
          <Space>
            <Link to={`/receipt/${view.id}`}>
              <Button>申报回执</Button>
            </Link>
          </Space>
        )
      }
    >
      {error && <LoadFailure message={error.message} onRetry={() => setAttempt((n) => n + 1)} />}
      {!error && !view && <Spin />}
      {view && <ApplicationDetail view={view} config={config} regionName={regionName} />}
    </Drawer>
  );
}

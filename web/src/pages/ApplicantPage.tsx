import { useQuery } from '@tanstack/react-query';
import { Alert, Spin } from 'antd';
import { queries } from '../app/queries';
import { ApplicationWorkspace } from '../features/application/ApplicationWorkspace';
import { failureOf } from '../features/common/failureOf';
import { LoadFailure } from '../features/common/LoadFailure';
import { useReferenceData } from '../features/reference/useReferenceData';

export function ApplicantPage() {
  const reference = useReferenceData();
  const application = useQuery(queries.myApplication());

  const failure = failureOf(application, reference);
  if (failure) return <LoadFailure {...failure} />;
  const view = application.data;
  if (!view || !reference.data) return <Spin size="large" className="page-spin" description="正在加载申报书…" />;

  const batch = reference.data.batches.find((b) => b.id === view.batchId);
  if (!batch) return <Alert type="error" showIcon title="找不到本申报所属的批次，请联系管理员。" />;
  const region = reference.data.reference.regions.find((r) => r.code === view.regionCode);
  return <ApplicationWorkspace view={view} batch={batch} region={region} />;
}

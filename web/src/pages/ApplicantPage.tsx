import { useQuery } from '@tanstack/react-query';
import { Alert, Spin } from 'antd';
import { queries } from '../app/queries';
import { AnnualReportsNotice } from '../features/annual-reports/AnnualReportsNotice';
import { ApplicationWorkspace } from '../features/application/ApplicationWorkspace';
import { EarlierApplications } from '../features/application/EarlierApplications';
import { StartChoice } from '../features/application/StartChoice';
import { failureOf } from '../features/common/failureOf';
import { LoadFailure } from '../features/common/LoadFailure';
import { routedRegion } from '../features/reference/routing';
import { useReferenceData } from '../features/reference/useReferenceData';

/**
 * The applicant's home: the open batch's application; when the unit applied before and has none there
 * yet, the choice how to start it; with no batch open, the latest application, read only. A recognised
 * platform's unit sees its yearly reports' state above.
 */
export function ApplicantPage() {
  return (
    <>
      <AnnualReportsNotice />
      <ApplicantHome />
    </>
  );
}

function ApplicantHome() {
  const reference = useReferenceData();
  const home = useQuery(queries.myApplications());
  const current = home.data?.current ?? undefined;
  // The workspace reads (and its actions write) the application under its own key; the home's copy seeds it.
  const application = useQuery({
    ...queries.myApplication(),
    enabled: current !== undefined,
    initialData: current,
    initialDataUpdatedAt: home.dataUpdatedAt,
  });

  const failure = failureOf(home, reference) ?? (current ? failureOf(application) : null);
  if (failure) return <LoadFailure {...failure} />;
  if (!home.data || !reference.data) return <Spin size="large" className="page-spin" description="正在加载申报书…" />;
  const { openBatch, startFrom, earlier, previousEvidence } = home.data;
  if (!current && openBatch && startFrom)
    return <StartChoice openBatch={openBatch} startFrom={startFrom} earlier={earlier} />;
  const view = application.data;
  if (!current || !view)
    return (
      <>
        <Alert type="info" showIcon title="当前没有开放申报的批次。" />
        <EarlierApplications earlier={earlier} />
      </>
    );

  const batch = reference.data.batches.find((b) => b.id === view.batchId);
  if (!batch) return <Alert type="error" showIcon title="找不到本申报所属的批次，请联系管理员。" />;
  const region = routedRegion(reference.data.reference, view.regionCode, view.authorityCode);
  return (
    <ApplicationWorkspace
      view={view}
      batch={batch}
      region={region}
      earlier={earlier}
      previousEvidence={previousEvidence}
    />
  );
}

import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  FileProtectOutlined,
  RollbackOutlined,
  StopOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { underCityReviewStatuses, type ApplicationView, type OneTimePasswordView, type ReviewView } from '#contract';
import { useOfficialBatch, withBatch } from '../app/officialBatch';
import { queries, reviewChanged } from '../app/queries';
import { ApplicantAccountDialog } from '../features/accounts/ApplicantAccountDialog';
import { OneTimePasswordDialog } from '../features/accounts/OneTimePasswordDialog';
import { areaName, channelText } from '../features/common/channels';
import { failureOf } from '../features/common/failureOf';
import { formatDateTime } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { StatusTag } from '../features/common/StatusTag';
import { ApplicationDossierButtons } from '../features/documents/DocumentButtons';
import { routedRegion } from '../features/reference/routing';
import { useReferenceData } from '../features/reference/useReferenceData';
import { ApplicationDetail } from '../features/review/ApplicationDetail';
import { ReviewChecklist } from '../features/review/checklist/ReviewChecklist';
import { InterviewSection } from '../features/review/InterviewSection';
import { OpinionForm } from '../features/review/OpinionForm';
import { RecommendationSection, type ReadinessKey } from '../features/review/RecommendationSection';
import { RejectDialog } from '../features/review/RejectDialog';
import { ReturnDialog } from '../features/review/ReturnDialog';
import { ReviewAlerts } from '../features/review/ReviewAlerts';
import { SiteCheckSection } from '../features/review/site-check/SiteCheckSection';
import { SurveySection } from '../features/review/survey/SurveySection';
import { VersionsSection } from '../features/review/VersionsSection';

const TABS = ['checklist', 'application', 'siteCheck', 'interview', 'survey', 'recommend', 'versions'] as const;
type ReviewTab = (typeof TABS)[number];
const READINESS_TAB: Record<ReadinessKey, ReviewTab> = {
  siteCheck: 'siteCheck',
  interview: 'interview',
  survey: 'survey',
  opinion: 'recommend',
};

function TabLabel({ done, children }: { done?: boolean; children: ReactNode }) {
  return (
    <span className="review-tab-label">
      {children}
      {done && <CheckCircleFilled className="rule-icon-passed" aria-label="已完成" />}
    </span>
  );
}

/**
 * One application under review. The city records its findings, site check, interview, survey and
 * opinion and recommends; the province reads everything the city recorded. Another application (a
 * duplicate's link) is another workspace: nothing of this one's forms and dialogs stays.
 */
export function ReviewWorkspacePage({ scope }: { scope: 'city' | 'province' }) {
  const { id = '' } = useParams();
  return <ReviewWorkspace key={id} id={id} scope={scope} />;
}

function ReviewWorkspace({ id, scope }: { id: string; scope: 'city' | 'province' }) {
  const reference = useReferenceData();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const pickedBatch = useOfficialBatch();
  const reviewQuery = useQuery(queries.review(id));
  const applicationQuery = useQuery(queries.application(id));
  const isCity = scope === 'city';
  /** The city's own package, or (for the province) the package of the application's city, in the application's batch. */
  const authorityCode = applicationQuery.data?.authorityCode;
  const applicationBatch = applicationQuery.data?.batchId;
  const ownPackage = useQuery({
    ...queries.cityPackage(applicationBatch),
    enabled: isCity && applicationBatch !== undefined,
  });
  const cityPackageOfApplication = useQuery({
    ...queries.provincePackage(authorityCode ?? '', applicationBatch),
    enabled: !isCity && authorityCode !== undefined,
  });
  const cityPackage = (isCity ? ownPackage.data : cityPackageOfApplication.data) ?? null;
  const [dialog, setDialog] = useState<'return' | 'reject' | 'account' | null>(null);
  const [issued, setIssued] = useState<{ view: OneTimePasswordView; title: string } | null>(null);
  const tab: ReviewTab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as ReviewTab)
    : 'checklist';
  const setTab = (next: ReviewTab) =>
    setParams(pickedBatch ? { tab: next, batch: pickedBatch } : { tab: next }, { replace: true });

  const onView = useCallback((review: ReviewView) => reviewChanged(queryClient, review), [queryClient]);

  const failure = failureOf(reviewQuery, applicationQuery, reference);
  if (failure) return <LoadFailure {...failure} />;
  const review = reviewQuery.data;
  const application = applicationQuery.data;
  if (!review || !application || !reference.data) {
    return <Spin size="large" className="page-spin" description="正在加载审核记录…" />;
  }

  const batch = reference.data.batches.find((b) => b.id === application.batchId);
  if (!batch) return <LoadFailure message="未找到本申报所属的申报批次" onRetry={() => void reference.refetch()} />;
  const config = batch.config;
  const minimum = config.rules.minSurveyed;
  const region = routedRegion(reference.data.reference, application.regionCode, application.authorityCode);
  const locked = cityPackage?.state === 'submitted';
  const underReview = (underCityReviewStatuses as readonly string[]).includes(review.status);
  /** Findings and records: while the application is before the city and its recommendation is not locked in a submitted package. */
  const editable = isCity && underReview && !(locked && review.status === 'recommended');
  const canDecide = isCity && review.status === 'submitted';
  const listPath = withBatch(isCity ? '/city' : '/province/applications', pickedBatch);
  const detailPath = (appId: string) =>
    withBatch(`${isCity ? '/city' : '/province'}/applications/${appId}`, pickedBatch);
  const latestVersion = review.versions.reduce<ReviewView['versions'][number] | null>(
    (a, v) => (!a || v.version > a.version ? v : a),
    null,
  );

  return (
    <div className="review-workspace">
      <div className="page-heading review-heading">
        <Link to={listPath} className="back-link">
          <ArrowLeftOutlined /> {isCity ? '返回审核列表' : '返回全省申报'}
        </Link>
        <div className="review-title-row">
          <Space align="center" wrap>
            <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }} data-testid="review-title">
              {application.form.platformName || application.unitName}
            </Typography.Title>
            <StatusTag status={review.status as ApplicationView['status']} />
            {review.duplicates.length > 0 && <Tag color="volcano">重复申报</Tag>}
          </Space>
          <Space wrap className="review-actions">
            <Button icon={<UserSwitchOutlined />} onClick={() => setDialog('account')}>
              申报单位账号
            </Button>
            {application.submittedAt && (
              <Button icon={<FileProtectOutlined />} onClick={() => navigate(`/receipt/${application.id}`)}>
                申报回执
              </Button>
            )}
            {canDecide && (
              <>
                <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')}>
                  退回修改
                </Button>
                <Button danger icon={<StopOutlined />} onClick={() => setDialog('reject')}>
                  不予推荐
                </Button>
              </>
            )}
          </Space>
        </div>
        <Space wrap separator={<span className="heading-sep">|</span>} className="page-subtitle">
          <Typography.Text>{application.unitName}</Typography.Text>
          <Typography.Text className="mono">{application.uscc}</Typography.Text>
          <Typography.Text type="secondary">
            {region?.name ?? application.regionCode}
            {region && region.authorityCode !== region.code ? `（由${region.authorityName}推荐）` : ''}
          </Typography.Text>
          <Typography.Text type="secondary">
            申报渠道：{channelText(application.form.channel, areaName(config, application.form.designatedAreaId))}
          </Typography.Text>
          <Typography.Text type="secondary">
            第 {review.version} 版{latestVersion ? ` · 提交于 ${formatDateTime(latestVersion.submittedAt)}` : ''}
          </Typography.Text>
        </Space>
      </div>
      <ReviewAlerts
        view={review}
        linkDuplicates={!isCity}
        detailPath={detailPath}
        packageLocked={isCity && locked}
        onShowChanges={() => setTab('versions')}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as ReviewTab)}
        className="workspace-tabs review-tabs"
        items={[
          {
            key: 'checklist',
            label: <TabLabel done={review.items.length > 0 && review.items.every((i) => i.finding)}>逐项审核</TabLabel>,
            children: (
              <ReviewChecklist
                view={review}
                application={application}
                config={config}
                editable={editable}
                onView={onView}
              />
            ),
          },
          {
            key: 'application',
            label: '申报材料',
            children: (
              <Card size="small" extra={<ApplicationDossierButtons applicationId={application.id} />}>
                <ApplicationDetail
                  view={application}
                  config={config}
                  regionName={region?.name ?? application.regionCode}
                />
              </Card>
            ),
          },
          {
            key: 'siteCheck',
            label: <TabLabel done={review.readiness.siteCheck}>现场核查</TabLabel>,
            children: (
              <SiteCheckSection
                view={review}
                application={application}
                batchYear={batch.year}
                statementPath={`${detailPath(application.id)}/statement`}
                editable={editable}
                onView={onView}
              />
            ),
          },
          {
            key: 'interview',
            label: <TabLabel done={review.readiness.interview}>当面谈话</TabLabel>,
            children: <InterviewSection view={review} application={application} editable={editable} onView={onView} />,
          },
          {
            key: 'survey',
            label: (
              <TabLabel done={review.readiness.survey}>
                测评{review.survey ? `（${review.survey.completed}/${review.survey.sampleSize}）` : ''}
              </TabLabel>
            ),
            children: (
              <SurveySection
                view={review}
                application={application}
                minimum={minimum}
                editable={editable}
                onView={onView}
              />
            ),
          },
          {
            key: 'recommend',
            label: <TabLabel done={Boolean(review.recommendation)}>推荐意见与推荐</TabLabel>,
            children: (
              <Row gutter={16} className="recommend-tab">
                <Col xs={24} xl={14}>
                  <OpinionForm view={review} editable={editable} onView={onView} />
                </Col>
                <Col xs={24} xl={10}>
                  <RecommendationSection
                    view={review}
                    application={application}
                    config={config}
                    cityPackage={cityPackage}
                    canAct={isCity && underReview && !locked}
                    minimum={minimum}
                    onView={onView}
                    onGoTo={(key) => setTab(READINESS_TAB[key])}
                    onGoToChecklist={() => setTab('checklist')}
                  />
                </Col>
              </Row>
            ),
          },
          {
            key: 'versions',
            label: `版本与改动（${review.versions.length}）`,
            children: <VersionsSection view={review} />,
          },
        ]}
      />
      <ReturnDialog open={dialog === 'return'} view={review} onClose={() => setDialog(null)} onView={onView} />
      <RejectDialog open={dialog === 'reject'} view={review} onClose={() => setDialog(null)} onView={onView} />
      <ApplicantAccountDialog
        unitId={dialog === 'account' ? application.unitId : null}
        onClose={() => setDialog(null)}
        onIssued={(view, title) => setIssued({ view, title })}
      />
      <OneTimePasswordDialog
        issued={issued?.view ?? null}
        title={issued?.title ?? ''}
        onClose={() => setIssued(null)}
      />
    </div>
  );
}

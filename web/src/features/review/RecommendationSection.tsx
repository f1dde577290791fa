import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Form, Popconfirm, Radio, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import type { ApplicationView, BatchConfig, Channel, CityPackageView, ReviewView } from '#contract';
import { reviewApi } from '../../api/endpoints';
import { formatDateTime } from '../common/format';
import { preventImplicitSubmit } from '../common/noImplicitSubmit';
import { useAction } from '../common/useAction';
import { IssueList } from '../eligibility/IssueList';
import { QuotaUse } from '../package/QuotaUse';
import { RefusalAlert } from '../common/RefusalAlert';
import { areaName, channelText } from '../common/channels';

export type ReadinessKey = keyof ReviewView['readiness'];

/** What is still to do, in the batch's words: the survey's minimum is the batch's. */
const readinessLabels = (minimum: number): Record<ReadinessKey, string> => ({
  siteCheck: '现场核查（含盖章扫描件）',
  interview: '与主要负责人当面谈话',
  survey: `测评（完成不少于${minimum}家）`,
  opinion: '推荐意见',
});

/** What must be done before the platform can be recommended (the server's ReviewView.readiness). */
function ReadinessList({
  view,
  minimum,
  onGoTo,
  onGoToChecklist,
}: {
  view: ReviewView;
  minimum: number;
  onGoTo?: (key: ReadinessKey) => void;
  onGoToChecklist?: () => void;
}) {
  const eligible = view.officialEligibility.eligible;
  const labels = readinessLabels(minimum);
  return (
    <ul className="readiness-list" data-testid="readiness">
      <li data-key="eligibility" data-eligible={eligible}>
        {eligible ? (
          <CheckCircleFilled className="rule-icon-passed" />
        ) : (
          <CloseCircleFilled className="rule-icon-failed" />
        )}
        <span className="readiness-label">
          {eligible
            ? '按核定数据符合申报条件'
            : `按核定数据有 ${view.officialEligibility.failures.length} 项不符合申报条件`}
        </span>
        {!eligible && onGoToChecklist && (
          <Button type="link" onClick={onGoToChecklist} className="inline-link readiness-go">
            去审核
          </Button>
        )}
      </li>
      {(Object.keys(labels) as ReadinessKey[]).map((key) => {
        const done = view.readiness[key];
        const detail = key === 'survey' && view.survey ? `（已完成 ${view.survey.completed} / ${minimum} 家）` : '';
        return (
          <li key={key} data-key={key} data-done={done}>
            {done ? (
              <CheckCircleFilled className="rule-icon-passed" />
            ) : (
              <ClockCircleOutlined className="rule-icon-unknown" />
            )}
            <span className="readiness-label">
              {labels[key]}
              {detail}
            </span>
            {!done && onGoTo && (
              <Button type="link" onClick={() => onGoTo(key)} className="inline-link readiness-go">
                去完成
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

interface RecommendationSectionProps {
  view: ReviewView;
  application: ApplicationView;
  config: BatchConfig | undefined;
  cityPackage: CityPackageView | null;
  /** The city may act (its own application, under review, package not locked). */
  canAct: boolean;
  minimum: number;
  onView: (view: ReviewView) => void;
  onGoTo: (key: ReadinessKey) => void;
  onGoToChecklist: () => void;
}

interface RecommendValues {
  channel: Channel;
  designatedAreaId: string | null;
}

/** Recommend into a channel within the limits of §3, or withdraw the recommendation while the package is open. */
export function RecommendationSection({
  view,
  application,
  config,
  cityPackage,
  canAct,
  minimum,
  onView,
  onGoTo,
  onGoToChecklist,
}: RecommendationSectionProps) {
  const [form] = Form.useForm<RecommendValues>();
  const channel = Form.useWatch('channel', form);
  /** A recommendation into a channel, or (null) its withdrawal. */
  const {
    busy: sending,
    refusal,
    clearRefusal,
    run: act,
  } = useAction({
    action: (values: RecommendValues | null) =>
      values === null
        ? reviewApi.withdrawRecommendation(view.applicationId)
        : reviewApi.recommend(
            view.applicationId,
            values.channel,
            values.channel === 'designated_area' ? values.designatedAreaId : null,
          ),
    success: (_review, values) => (values === null ? '已撤回推荐' : '已推荐'),
    onDone: onView,
  });
  const ready = Object.values(view.readiness).every(Boolean) && view.officialEligibility.eligible;
  const areas = config?.designatedAreas.filter((a) => a.authorityCode === application.authorityCode) ?? [];
  const takenAreas = new Set(
    (cityPackage?.recommended ?? [])
      .filter((r) => r.channel === 'designated_area' && r.applicationId !== view.applicationId)
      .map((r) => r.designatedAreaName),
  );
  const quota = cityPackage?.quota;
  const quotaLeft = quota ? Math.max(0, quota.limit - quota.used) : null;
  const open: Record<Channel, boolean> = { quota: quotaLeft !== 0, designated_area: areas.length > 0, lab: true };
  const applied = application.form.channel;
  // A channel preselected before the package's quota was known, and found full since, is unselected.
  const chosenClosed = channel !== undefined && channel !== null && !open[channel];
  useEffect(() => {
    if (chosenClosed) form.setFieldValue('channel', undefined);
  }, [chosenClosed, form]);

  const recommendation = view.recommendation;
  return (
    <Card size="small" title="推荐" className="form-card recommendation-card" data-testid="recommendation">
      <Space orientation="vertical" size="middle" className="full-width">
        <div>
          <Typography.Text strong>推荐前须完成</Typography.Text>
          <ReadinessList
            view={view}
            minimum={minimum}
            onGoTo={canAct ? onGoTo : undefined}
            onGoToChecklist={canAct ? onGoToChecklist : undefined}
          />
        </div>
        {quota && <QuotaUse used={quota.used} limit={quota.limit} />}
        {refusal && (
          <RefusalAlert
            refusal={refusal}
            onClose={clearRefusal}
            extra={
              refusal.code === 'NOT_ELIGIBLE' && <IssueList issues={view.officialEligibility.failures} tone="failure" />
            }
          />
        )}
        {recommendation ? (
          <Alert
            type="success"
            showIcon
            data-testid="recommended"
            title={`已推荐：${channelText(recommendation.channel, areaName(config, recommendation.designatedAreaId))}`}
            description={`推荐时间 ${formatDateTime(recommendation.recommendedAt)}`}
            action={
              canAct && (
                <Popconfirm
                  okButtonProps={{ autoFocus: true }}
                  title="撤回推荐？"
                  description="撤回后名额释放，本申报回到待审状态。"
                  okText="撤回"
                  cancelText="取消"
                  onConfirm={() => void act(null)}
                >
                  <Button icon={<RollbackOutlined />} loading={sending}>
                    撤回推荐
                  </Button>
                </Popconfirm>
              )
            }
          />
        ) : (
          canAct && (
            <Form<RecommendValues>
              form={form}
              name="recommend"
              onKeyDown={preventImplicitSubmit}
              layout="vertical"
              initialValues={{
                channel: applied && open[applied] ? applied : undefined,
                designatedAreaId: application.form.designatedAreaId ?? null,
              }}
              onFinish={(v) => void act(v)}
              requiredMark={false}
            >
              <Form.Item
                name="channel"
                label="推荐渠道"
                extra={`申报单位申报的渠道：${channelText(application.form.channel, areaName(config, application.form.designatedAreaId))}`}
                rules={[{ required: true, message: '请选择推荐渠道' }]}
              >
                <Radio.Group
                  orientation="vertical"
                  options={[
                    {
                      value: 'quota',
                      label: quotaLeft === null ? '市推荐名额' : `市推荐名额（剩余 ${quotaLeft} 个）`,
                      disabled: !open.quota,
                    },
                    {
                      value: 'designated_area',
                      label: open.designated_area ? '特定区域（每区域 1 家）' : '特定区域（本市无特定区域）',
                      disabled: !open.designated_area,
                    },
                    { value: 'lab', label: '工信部认定实验室（不计名额）' },
                  ]}
                />
              </Form.Item>
              {channel === 'designated_area' && (
                <Form.Item
                  name="designatedAreaId"
                  label="特定区域"
                  rules={[{ required: true, message: '请选择特定区域' }]}
                >
                  <Select
                    placeholder="选择本市的特定区域"
                    options={areas.map((a) => ({
                      value: a.id,
                      label: takenAreas.has(a.name) ? `${a.name}（已推荐其他平台）` : a.name,
                      disabled: takenAreas.has(a.name),
                    }))}
                  />
                </Form.Item>
              )}
              {!ready && (
                <Alert type="warning" showIcon className="form-alert" title="以上事项尚未全部完成，推荐将被拒绝" />
              )}
              <Button type="primary" onClick={() => form.submit()} icon={<SendOutlined />} loading={sending}>
                推荐该平台
              </Button>
            </Form>
          )
        )}
        {!recommendation && !canAct && <Typography.Text type="secondary">未推荐</Typography.Text>}
      </Space>
    </Card>
  );
}

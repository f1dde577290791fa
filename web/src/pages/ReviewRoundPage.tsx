import { BarChartOutlined, EditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Descriptions, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { ReviewRoundView, RoundConflictsView } from '#contract';
import { expertPoolApi, expertReviewKeys, reviewRoundApi } from '../api/expert-review-api';
import { TitleWithBatch, useOfficialBatch, withBatch } from '../app/officialBatch';
import { failureOf } from '../features/common/failureOf';
import { formatDate, formatDateTime } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { RefusalAlert } from '../features/common/RefusalAlert';
import { useAction } from '../features/common/useAction';
import { ExclusionsDialog, ReplacementDialog } from '../features/expert-review/RoundDialogs';
import { RoundStatusTag } from '../features/expert-review/RoundStatusTag';
import { RubricView } from '../features/expert-review/RubricView';

type RoundApplication = ReviewRoundView['applications'][number];
type ConflictPair = RoundConflictsView['pairs'][number];

function settingsText(round: ReviewRoundView): string[] {
  const { settings } = round;
  const c = settings.conflicts;
  return [
    `每件申报${settings.expertsPerApplication}名专家，每位专家最多评审${settings.maxLoadPerExpert}件`,
    settings.grouping.mode === 'groupCount'
      ? `随机分为${settings.grouping.groupCount}组`
      : `随机分组，每组不超过${settings.grouping.groupSize}件`,
    [
      '同单位回避',
      c.declaredRelations.enabled ? `利害关系回避（${c.declaredRelations.lookBackYears}年内）` : null,
      c.requestedExclusions.enabled ? `申请回避（每件最多${c.requestedExclusions.maxPerApplication}名）` : null,
      c.sameCity ? '同城回避' : null,
    ]
      .filter(Boolean)
      .join('、'),
  ];
}

/** The draw's groups: each group's experts (with whether each signed the 承诺书), applications and replacements. */
function Groups({ round }: { round: ReviewRoundView }) {
  const application = (id: string) => round.applications.find((a) => a.applicationId === id);
  return (
    <div className="round-groups">
      {round.groups.map((g) => (
        <Card key={g.number} size="small" title={`第${g.number}组`} className="round-group" data-testid="round-group">
          <Typography.Text strong>专家</Typography.Text>
          <div className="round-group-experts">
            {g.experts.map((e) => (
              <Tag key={e.expertId} color={e.signedAt ? 'success' : 'default'}>
                {`${e.name}${e.signedAt ? ' · 已签承诺书' : ' · 未签承诺书'}`}
              </Tag>
            ))}
          </div>
          <Typography.Text strong>申报</Typography.Text>
          <ul className="round-group-applications">
            {g.applicationIds.map((id) => {
              const a = application(id);
              return <li key={id}>{a ? `${a.label ?? ''} ${a.unitName} · ${a.platformName}` : id}</li>;
            })}
          </ul>
          {g.replaced.length > 0 && (
            <>
              <Typography.Text strong>已替换</Typography.Text>
              <ul>
                {g.replaced.map((r) => (
                  <li key={`${r.expertId}-${r.at}`}>{`${r.name}：${r.reason}（${formatDateTime(r.at)}）`}</li>
                ))}
              </ul>
            </>
          )}
        </Card>
      ))}
    </div>
  );
}

function ConflictsTable({ round, conflicts }: { round: ReviewRoundView; conflicts: RoundConflictsView | undefined }) {
  const unitOf = (id: string) => round.applications.find((a) => a.applicationId === id)?.unitName ?? id;
  return (
    <Table<ConflictPair>
      className="conflicts-table"
      size="small"
      loading={!conflicts}
      rowKey={(p) => `${p.applicationId}-${p.expertId}`}
      dataSource={conflicts?.pairs ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: '专家库中没有与本轮申报存在回避情形的专家' }}
      columns={[
        {
          title: '申报',
          key: 'application',
          render: (_, p) => `${p.label ? `${p.label} ` : ''}${unitOf(p.applicationId)}`,
        },
        {
          title: '专家',
          key: 'expert',
          width: 160,
          render: (_, p) => (
            <Space size={4} wrap>
              {p.expertName}
              {p.assigned && <Tag color="error">已分配，须替换</Tag>}
            </Space>
          ),
        },
        {
          title: '回避原因',
          key: 'reason',
          render: (_, p) =>
            p.conflicts.map((c) => (
              <div key={c.code}>
                <Tag>{c.label}</Tag>
                {c.reason}
              </div>
            )),
        },
      ]}
    />
  );
}

/**
 * One review round (the province): its settings and rubric; the requested exclusions per application; the
 * 双随机 draw with its recorded seed and the groups; replacements; the 回避 conflicts with reasons; open and close.
 */
export function ReviewRoundPage() {
  const { roundId = '' } = useParams<{ roundId: string }>();
  const batch = useOfficialBatch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [excluding, setExcluding] = useState<RoundApplication | null>(null);
  const [replacing, setReplacing] = useState(false);

  const round = useQuery({
    queryKey: expertReviewKeys.round(roundId),
    queryFn: ({ signal }) => reviewRoundApi.get(roundId, signal),
  });
  const conflicts = useQuery({
    queryKey: expertReviewKeys.conflicts(roundId),
    queryFn: ({ signal }) => reviewRoundApi.conflicts(roundId, signal),
  });
  const experts = useQuery({ queryKey: expertReviewKeys.experts, queryFn: ({ signal }) => expertPoolApi.list(signal) });

  const changed = (view: ReviewRoundView) => {
    queryClient.setQueryData(expertReviewKeys.round(view.id), view);
    void queryClient.invalidateQueries({ queryKey: expertReviewKeys.conflicts(view.id) });
    void queryClient.invalidateQueries({ queryKey: expertReviewKeys.roundList(batch) });
  };
  const step = useAction({
    action: ({ kind, view }: { kind: 'draw' | 'open' | 'close'; view: ReviewRoundView }) =>
      reviewRoundApi[kind](view.id, view.version),
    success: (_view, { kind }) => ({ draw: '已完成专家抽取', open: '评审已开始', close: '评审已结束' })[kind],
    onDone: changed,
  });

  const loadFailure = failureOf(round);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!round.data) return <Spin size="large" className="page-spin" description="正在加载评审轮次…" />;
  const view = round.data;
  /** Requested exclusions are recorded while the round is a draft, if the round takes them at all. */
  const exclusionsOpen = view.status === 'draft' && view.settings.conflicts.requestedExclusions.enabled;

  return (
    <div className="review-round-page">
      <div className="page-heading">
        <TitleWithBatch>{view.title}</TitleWithBatch>
        <Space wrap>
          <RoundStatusTag status={view.status} />
          <Typography.Text type="secondary">{`评审期间 ${formatDate(view.opensOn)} 至 ${formatDate(view.closesOn)}`}</Typography.Text>
        </Space>
      </div>
      {step.refusal && <RefusalAlert refusal={step.refusal} onClose={step.clearRefusal} />}
      <Space wrap className="page-actions">
        {view.status === 'draft' && (
          <>
            <Button
              icon={<EditOutlined />}
              onClick={() => void navigate(withBatch(`/province/review-rounds/${view.id}/edit`, batch))}
            >
              修改设置
            </Button>
            <Popconfirm
              title="抽取专家"
              description="按回避规则随机分组并随机抽取专家；抽取后设置不能再修改。"
              okText="抽取"
              cancelText="取消"
              onConfirm={() => void step.run({ kind: 'draw', view })}
            >
              <Button type="primary" icon={<ThunderboltOutlined />} loading={step.pending?.kind === 'draw'}>
                抽取专家
              </Button>
            </Popconfirm>
          </>
        )}
        {view.status === 'drawn' && (
          <Popconfirm
            title="开始评审"
            description="开始后，已签署承诺书的专家可以查看评审材料。"
            okText="开始"
            cancelText="取消"
            onConfirm={() => void step.run({ kind: 'open', view })}
          >
            <Button type="primary" loading={step.pending?.kind === 'open'}>
              开始评审
            </Button>
          </Popconfirm>
        )}
        {view.status === 'open' && (
          <Popconfirm
            title="结束评审"
            description="结束后专家不能再查看评审材料。"
            okText="结束"
            cancelText="取消"
            onConfirm={() => void step.run({ kind: 'close', view })}
          >
            <Button danger loading={step.pending?.kind === 'close'}>
              结束评审
            </Button>
          </Popconfirm>
        )}
        {(view.status === 'drawn' || view.status === 'open') && (
          <Button onClick={() => setReplacing(true)}>替换专家</Button>
        )}
        {view.status !== 'draft' && (
          <Button
            icon={<BarChartOutlined />}
            onClick={() => void navigate(withBatch(`/province/review-rounds/${view.id}/results`, batch))}
          >
            评审结果
          </Button>
        )}
      </Space>
      <Card size="small" className="form-card" title="抽取规则">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="专家与分组">{settingsText(view).slice(0, 2).join('；')}</Descriptions.Item>
          <Descriptions.Item label="回避规则">{settingsText(view)[2]}</Descriptions.Item>
          <Descriptions.Item label="随机种子">
            {view.seed ? (
              <Typography.Text className="mono" copyable data-testid="round-seed">
                {view.seed}
              </Typography.Text>
            ) : (
              '尚未抽取'
            )}
          </Descriptions.Item>
          {view.drawnAt && (
            <Descriptions.Item label="抽取时间">
              {`${formatDateTime(view.drawnAt)}（第${view.drawAttempt ?? 1}次尝试满足全部分组）`}
            </Descriptions.Item>
          )}
        </Descriptions>
        {view.seed && (
          <Typography.Paragraph type="secondary" className="card-note">
            同一随机种子和同一专家库、申报和回避情形重新计算，得到相同的分组和专家，可供复核。
          </Typography.Paragraph>
        )}
      </Card>
      {view.groups.length > 0 && (
        <Card size="small" className="form-card" title="分组与专家">
          <Groups round={view} />
        </Card>
      )}
      <Card size="small" className="form-card" title={`评审的申报（${view.applications.length}件）`}>
        <Table<RoundApplication>
          className="round-applications-table"
          size="small"
          rowKey="applicationId"
          dataSource={view.applications}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          columns={[
            { title: '编号', key: 'label', width: 80, render: (_, a) => a.label ?? '—' },
            { title: '运营单位', dataIndex: 'unitName' },
            { title: '平台名称', dataIndex: 'platformName' },
            { title: '组', key: 'group', width: 60, render: (_, a) => a.groupNumber ?? '—' },
            {
              title: '申请回避',
              key: 'exclusions',
              render: (_, a) =>
                a.exclusions.length === 0
                  ? '—'
                  : a.exclusions.map((e) => (
                      <div key={e.expertId}>
                        <Tag color={e.accepted ? 'orange' : 'default'}>{e.accepted ? '同意回避' : '不同意'}</Tag>
                        {`${e.expertName}：${e.reason}`}
                      </div>
                    )),
            },
            ...(exclusionsOpen
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 110,
                    render: (_: unknown, a: RoundApplication) => (
                      <Button size="small" onClick={() => setExcluding(a)} aria-label={`记录${a.unitName}的申请回避`}>
                        申请回避
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" className="form-card" title="回避情形">
        <Typography.Paragraph type="secondary" className="card-note">
          专家库中与本轮申报存在回避情形的专家及原因；抽取时不会抽到这些专家，抽取后新出现的回避须替换专家。
        </Typography.Paragraph>
        {conflicts.error ? (
          <Alert type="error" showIcon title={conflicts.error.message} />
        ) : (
          <ConflictsTable round={view} conflicts={conflicts.data} />
        )}
      </Card>
      <Collapse
        className="form-card"
        items={[
          { key: 'rubric', label: `评分细则：${view.rubric.title}`, children: <RubricView rubric={view.rubric} /> },
        ]}
      />
      {excluding && (
        <ExclusionsDialog
          round={view}
          application={excluding}
          experts={experts.data ?? []}
          onClose={() => setExcluding(null)}
          onSaved={changed}
        />
      )}
      {replacing && <ReplacementDialog round={view} onClose={() => setReplacing(false)} onSaved={changed} />}
    </div>
  );
}

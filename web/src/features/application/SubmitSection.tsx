import { CheckCircleOutlined, FilePdfOutlined, FileWordOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, Popconfirm, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  channels,
  type ApplicationDraft,
  type ApplicationView,
  type BatchConfig,
  type Issue,
  type ReceiptView,
} from '#contract';
import { applicationDossierUrl } from '../../api/applications-api';
import { ApiError } from '../../api/client';
import { applicantApi } from '../../api/endpoints';
import { settlePendingSaves } from '../../app/pendingSaves';
import { IssueList } from '../eligibility/IssueList';
import { ROSTER_EVIDENCE_TYPE } from '../evidence/EvidenceSection';
import { formatDate, formatWan } from '../common/format';

const issueKey = (issue: Issue) => `${issue.code}:${issue.field}`;
const signature = (issues: readonly Issue[]) => issues.map(issueKey).join('|');

interface SubmitSectionProps {
  view: ApplicationView;
  draft: ApplicationDraft;
  config: BatchConfig;
  editable: boolean;
  /** The rules failed by figures filled in: shown as failures; everything else blocking is still to fill. */
  failures: readonly Issue[];
  onSubmitted: (receipt: ReceiptView) => void;
  onSelectField: (field: string) => void;
}

function ApplicationSummary({ view, draft, config }: Pick<SubmitSectionProps, 'view' | 'draft' | 'config'>) {
  const area = config.designatedAreas.find((a) => a.id === draft.designatedAreaId);
  const channel = draft.channel ? channels[draft.channel] : '—';
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      className="submit-summary"
      items={[
        { key: 'platform', label: '平台名称', children: draft.platformName || '—' },
        { key: 'unit', label: '运营单位', children: view.unitName },
        { key: 'categories', label: '平台类别', children: draft.categories?.join('、') || '—' },
        { key: 'channel', label: '申报渠道', children: area ? `${channel}：${area.name}` : channel },
        { key: 'registeredOn', label: '注册登记时间', children: formatDate(draft.registeredOn) },
        { key: 'assets', label: '上年末资产总额', children: formatWan(draft.totalAssetsWan) },
        { key: 'staff', label: '服务人员数量', children: draft.serviceStaff ?? '—' },
        { key: 'institutions', label: '集聚服务机构数量', children: `${view.institutions.length} 家` },
        {
          key: 'share',
          label: '优惠服务占比',
          children:
            draft.preferentialSharePercent === null || draft.preferentialSharePercent === undefined
              ? '—'
              : `${draft.preferentialSharePercent}%`,
        },
        { key: 'roster', label: '年服务企业数', children: `${view.rosterCount} 家` },
        {
          key: 'evidence',
          label: '证明材料',
          children: `${view.evidence.filter((e) => e.evidenceType !== ROSTER_EVIDENCE_TYPE).length} 个文件`,
        },
      ]}
    />
  );
}

/** What blocks submission: the failed rules first, in red, then what is still to fill or upload. */
function BlockingList({
  issues,
  failures,
  onSelect,
}: {
  issues: readonly Issue[];
  failures: readonly Issue[];
  onSelect: (issue: Issue) => void;
}) {
  const failed = new Set(failures.map(issueKey));
  return (
    <>
      <IssueList issues={issues.filter((i) => failed.has(issueKey(i)))} tone="failure" onSelect={onSelect} />
      <IssueList issues={issues.filter((i) => !failed.has(issueKey(i)))} tone="missing" onSelect={onSelect} />
    </>
  );
}

/**
 * 申报书 to print, seal and sign: before submission the draft, marked 草稿 on every page and without a date;
 * after it the submitted version.
 */
function DossierButtons({ view }: { view: ApplicationView }) {
  return (
    <Space wrap className="dossier-buttons">
      <Button icon={<FilePdfOutlined />} href={applicationDossierUrl(view.id, 'pdf')}>
        下载申报书（PDF）
      </Button>
      <Button icon={<FileWordOutlined />} href={applicationDossierUrl(view.id, 'docx')}>
        下载申报书（Word）
      </Button>
    </Space>
  );
}

function SubmittedResult({ view }: { view: ApplicationView }) {
  const navigate = useNavigate();
  const receipt = (
    <Space wrap>
      <Button type="primary" onClick={() => navigate(`/receipt/${view.id}`)}>
        查看申报回执
      </Button>
      <DossierButtons view={view} />
    </Space>
  );
  if (view.status === 'not_recommended') {
    return (
      <Result status="warning" title="市级主管部门决定不予推荐" subTitle={view.rejection?.reason} extra={receipt} />
    );
  }
  if (view.status === 'recommended') {
    return (
      <Result
        status="success"
        icon={<CheckCircleOutlined />}
        title="已获市级主管部门推荐"
        subTitle="推荐材料将由市级主管部门报送省工业和信息化厅。"
        extra={receipt}
      />
    );
  }
  return (
    <Result
      status="success"
      icon={<CheckCircleOutlined />}
      title="已提交，待市级主管部门审核"
      subTitle="退回前不能修改。请打印申报回执留存。"
      extra={receipt}
    />
  );
}

/** 提交: what will be submitted, what still blocks it, the pledge and the button. */
export function SubmitSection({
  view,
  draft,
  config,
  editable,
  failures,
  onSubmitted,
  onSelectField,
}: SubmitSectionProps) {
  const [pledged, setPledged] = useState(false);
  /** The server's refusal, shown while the problems it answered are still the current ones. */
  const [refusal, setRefusal] = useState<{ message: string; failures: Issue[]; against: string } | null>(null);
  const submit = useMutation({
    mutationFn: async () => {
      await settlePendingSaves();
      return applicantApi.submit(view.id);
    },
    onMutate: () => setRefusal(null),
    onSuccess: onSubmitted,
    onError: (error) => {
      const problems = error instanceof ApiError ? (error.body.failures ?? []) : [];
      setRefusal({
        message: error instanceof Error ? error.message : '提交失败',
        failures: problems,
        against: signature(problems),
      });
    },
  });

  if (!editable) return <SubmittedResult view={view} />;

  const blocking = [...view.eligibility.failures, ...view.incomplete];
  const blockingNow = signature(blocking);
  const currentRefusal = refusal && (refusal.failures.length === 0 || refusal.against === blockingNow) ? refusal : null;
  return (
    <Card size="small" className="form-card" title="确认并提交">
      <ApplicationSummary view={view} draft={draft} config={config} />
      {currentRefusal === null && blocking.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="submit-blocking"
          title={`尚有 ${blocking.length} 项不符合条件或待补充，提交时将被拒绝`}
          description={<BlockingList issues={blocking} failures={failures} onSelect={(i) => onSelectField(i.field)} />}
        />
      )}
      {currentRefusal === null && blocking.length === 0 && (
        <Alert type="success" showIcon className="submit-blocking" title="符合申报条件，材料齐全" />
      )}
      {currentRefusal && (
        <Alert
          type="error"
          showIcon
          className="submit-refusal"
          data-testid="submit-refusal"
          title={currentRefusal.message}
          description={
            currentRefusal.failures.length > 0 && (
              <BlockingList
                issues={currentRefusal.failures}
                failures={failures}
                onSelect={(i) => onSelectField(i.field)}
              />
            )
          }
        />
      )}
      <Space orientation="vertical" size="middle" className="submit-actions">
        <Checkbox checked={pledged} onChange={(e) => setPledged(e.target.checked)}>
          本单位承诺：所填信息和上传材料真实、准确、完整，如有不实，愿承担相应责任。
        </Checkbox>
        <Popconfirm
          okButtonProps={{ autoFocus: true }}
          title={view.status === 'returned' ? '确认重新提交？' : '确认提交？'}
          description="提交后在市级主管部门退回前不能修改。"
          okText="提交"
          cancelText="再看看"
          onConfirm={() => submit.mutate()}
          disabled={!pledged}
        >
          <Button type="primary" size="large" icon={<SendOutlined />} loading={submit.isPending} disabled={!pledged}>
            {view.status === 'returned' ? '重新提交' : '提交申报'}
          </Button>
        </Popconfirm>
        <Typography.Text type="secondary">提交至所在市中小企业主管部门，由其审核推荐。</Typography.Text>
        <Space wrap>
          <DossierButtons view={view} />
          <Typography.Text type="secondary">
            提交前下载的申报书为带“草稿”水印的预览；提交后请下载正式申报书，打印、盖章、签字后随纸质材料报送。
          </Typography.Text>
        </Space>
      </Space>
    </Card>
  );
}

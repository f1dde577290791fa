import { Alert, Descriptions, Divider, Table, Typography } from 'antd';
import { channels, type ApplicationView, type BatchConfig, type InstitutionView } from '#contract';
import { evidenceDownloadUrl } from '../../api/endpoints';
import { formatDate, formatDateTime, formatWan } from '../common/format';
import { mono } from '../common/mono';
import { IssueList } from '../eligibility/IssueList';
import { EvidenceFileList } from '../evidence/EvidenceFileList';
import { StatusTag } from '../common/StatusTag';

interface ApplicationDetailProps {
  view: ApplicationView;
  config: BatchConfig | undefined;
  regionName: string;
}

function FormValues({ view, config, regionName }: ApplicationDetailProps) {
  const f = view.form;
  const area = config?.designatedAreas.find((a) => a.id === f.designatedAreaId);
  const channel = f.channel ? channels[f.channel] : '—';
  const text = (v: string | null | undefined) => v || '—';
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      items={[
        { key: 'unit', label: '运营单位名称', children: view.unitName, span: 2 },
        { key: 'uscc', label: '统一社会信用代码', children: <span className="mono">{view.uscc}</span> },
        { key: 'region', label: '所在地区', children: regionName },
        { key: 'registeredOn', label: '注册登记时间', children: formatDate(f.registeredOn) },
        { key: 'legal', label: '法定代表人', children: text(f.legalRepresentative) },
        { key: 'address', label: '注册地址', children: text(f.address), span: 2 },
        {
          key: 'principal',
          label: '主要负责人',
          children: f.principalName ? `${f.principalName}（${text(f.principalTitle)}）` : '—',
        },
        {
          key: 'contact',
          label: '联系人及电话',
          children: f.contactName ? `${f.contactName} ${text(f.contactPhone)}` : '—',
        },
        { key: 'platform', label: '平台名称', children: text(f.platformName), span: 2 },
        { key: 'categories', label: '平台类别', children: f.categories?.join('、') || '—', span: 2 },
        {
          key: 'description',
          label: '服务内容与资源简介',
          children: <div className="pre-line">{text(f.description)}</div>,
          span: 2,
        },
        { key: 'channel', label: '申报渠道', children: area ? `${channel}：${area.name}` : channel, span: 2 },
        { key: 'assets', label: '上年末资产总额', children: formatWan(f.totalAssetsWan) },
        { key: 'staff', label: '服务人员数量', children: f.serviceStaff ?? '—' },
        {
          key: 'share',
          label: '优惠服务占比',
          children:
            f.preferentialSharePercent === null || f.preferentialSharePercent === undefined
              ? '—'
              : `${f.preferentialSharePercent}%`,
        },
        { key: 'institutions', label: '集聚服务机构数量', children: `${view.institutions.length} 家` },
        { key: 'roster', label: '年服务企业数（名单家数）', children: `${view.rosterCount} 家` },
        { key: 'submittedAt', label: '提交时间', children: formatDateTime(view.submittedAt) },
      ]}
    />
  );
}

function InstitutionsTable({ view }: { view: ApplicationView }) {
  return (
    <Table<InstitutionView>
      size="small"
      rowKey="id"
      dataSource={view.institutions}
      pagination={false}
      locale={{ emptyText: '未填写' }}
      columns={[
        { title: '序号', width: 60, render: (_v, _r, i) => i + 1 },
        { title: '机构名称', dataIndex: 'name' },
        { title: '统一社会信用代码', dataIndex: 'uscc', width: 190, render: mono },
        {
          title: '合作协议',
          render: (_v, row) => {
            const file = view.evidence.find((e) => e.id === row.agreementFileId);
            return file ? (
              <Typography.Link href={evidenceDownloadUrl(view.id, file.id)}>{file.originalName}</Typography.Link>
            ) : (
              '未上传'
            );
          },
        },
      ]}
    />
  );
}

function EvidenceByType({ view, config }: { view: ApplicationView; config: BatchConfig | undefined }) {
  const types = config?.evidenceTypes ?? [];
  const known = new Set(types.map((t) => t.key));
  const groups = [
    ...types.map((t) => ({ key: t.key, label: t.label, files: view.evidence.filter((e) => e.evidenceType === t.key) })),
    { key: 'unknown', label: '其他', files: view.evidence.filter((e) => !known.has(e.evidenceType)) },
  ].filter((g) => g.files.length > 0);
  if (groups.length === 0) return <Typography.Text type="secondary">未上传证明材料</Typography.Text>;
  return groups.map((group) => (
    <section key={group.key} className="detail-evidence-group">
      <Typography.Text strong>{group.label}</Typography.Text>
      <EvidenceFileList applicationId={view.id} files={group.files} />
    </section>
  ));
}

/** An application as officials see it: read-only, with downloads and the system's eligibility check. */
export function ApplicationDetail({ view, config, regionName }: ApplicationDetailProps) {
  const { failures } = view.eligibility;
  return (
    <div className="application-detail">
      <div className="detail-status">
        <StatusTag status={view.status} />
        {failures.length === 0 ? (
          <Alert type="success" showIcon title="系统核对：符合申报条件" />
        ) : (
          <Alert
            type="error"
            showIcon
            title={`系统核对：${failures.length} 项不符合申报条件`}
            description={<IssueList issues={failures} tone="failure" />}
          />
        )}
        {view.incomplete.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={`待补充 ${view.incomplete.length} 项`}
            description={<IssueList issues={view.incomplete} tone="missing" />}
          />
        )}
      </div>
      <Divider titlePlacement="start">申报信息</Divider>
      <FormValues view={view} config={config} regionName={regionName} />
      <Divider titlePlacement="start">集聚服务机构（{view.institutions.length} 家）</Divider>
      <InstitutionsTable view={view} />
      <Divider titlePlacement="start">证明材料（{view.evidence.length} 个文件）</Divider>
      <EvidenceByType view={view} config={config} />
    </div>
  );
}

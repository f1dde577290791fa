import { Alert, Card, Descriptions, Space, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { CityPackageView } from '#contract';
import { documentUrls } from '../../api/endpoints';
import { formatDate, formatDateTime, formatDeadline, shortDigest } from '../common/format';
import { ArchiveDownload } from '../documents/ArchiveDownload';
import { DocumentButtons } from '../documents/DocumentButtons';
import { channelText } from '../common/channels';
import { AcceptedTag, beijingDay, PackageStateTag } from './PackageStateTag';
import { QuotaUse } from './QuotaUse';

type Recommended = CityPackageView['recommended'][number];

/** When the package can still be received: the batch deadline, or a later exception the province granted. */
export function effectiveDeadline(pkg: Pick<CityPackageView, 'deadline' | 'exception'>): string {
  if (pkg.exception && Date.parse(pkg.exception.endsAt) > Date.parse(pkg.deadline)) return pkg.exception.endsAt;
  return pkg.deadline;
}

export function deadlinePassed(pkg: Pick<CityPackageView, 'deadline' | 'exception'>, now = Date.now()): boolean {
  return now > Date.parse(effectiveDeadline(pkg)) + 999;
}

interface PackageSummaryProps {
  pkg: CityPackageView;
  detailPath: (applicationId: string) => string;
  /** Buttons in the card's corner. */
  actions?: ReactNode;
}

/** A city's recommendation package: state, deadline, quota, the platforms with their channels, and what still blocks it. */
export function PackageSummary({ pkg, detailPath, actions }: PackageSummaryProps) {
  const count = (channel: Recommended['channel']) => pkg.recommended.filter((r) => r.channel === channel).length;
  return (
    <Card
      size="small"
      className="form-card package-summary"
      data-testid="package-summary"
      data-state={pkg.state}
      title={
        <Space>
          <span>{pkg.authorityName}推荐材料</span>
          <PackageStateTag state={pkg.state} />
          {pkg.acceptedAt && <AcceptedTag acceptedAt={pkg.acceptedAt} />}
        </Space>
      }
      extra={actions}
    >
      <Space orientation="vertical" size="middle" className="full-width">
        <Space wrap size="middle">
          {pkg.recommended.length > 0 && (
            <DocumentButtons
              name="推荐文件"
              links={{
                docx: documentUrls.packageLetter(pkg.authorityCode, 'docx', pkg.batchId),
                pdf: documentUrls.packageLetter(pkg.authorityCode, 'pdf', pkg.batchId),
              }}
            />
          )}
          <DocumentButtons
            name="附件2 汇总表"
            links={{
              xlsx: documentUrls.packageSummary(pkg.authorityCode, 'xlsx', pkg.batchId),
              pdf: documentUrls.packageSummary(pkg.authorityCode, 'pdf', pkg.batchId),
            }}
          />
          {pkg.recommended.length > 0 && (
            <ArchiveDownload
              label="刻盘电子材料（zip）"
              href={documentUrls.packageArchive(pkg.authorityCode, pkg.batchId)}
              authorityCode={pkg.authorityCode}
              batch={pkg.batchId}
            />
          )}
        </Space>
        {pkg.acceptedAt && (
          <Alert
            type="success"
            showIcon
            data-testid="package-accepted"
            title={`省厅已受理（${beijingDay(pkg.acceptedAt)}）`}
            description="推荐材料以受理的这一版为准，不再退回或重新报送；下一步为专家评审，评审结果经公示后确定认定名单。"
          />
        )}
        {pkg.returnRemarks && pkg.state === 'returned' && (
          <Alert
            type="warning"
            showIcon
            data-testid="package-return-remarks"
            title="省厅退回意见"
            description={<div className="pre-line">{pkg.returnRemarks}</div>}
          />
        )}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'deadline',
              label: '报送截止',
              children: (
                <span data-testid="package-deadline">
                  {formatDeadline(pkg.deadline)}（北京时间）
                  {deadlinePassed({ deadline: pkg.deadline, exception: null }) && (
                    <Typography.Text type="danger"> 已截止</Typography.Text>
                  )}
                </span>
              ),
            },
            {
              key: 'exception',
              label: '省厅特批',
              children: pkg.exception ? (
                <span data-testid="package-exception">
                  延至 {formatDeadline(pkg.exception.endsAt)}（{pkg.exception.reason}）
                </span>
              ) : (
                '无'
              ),
            },
            {
              key: 'submittedAt',
              label: '报送时间',
              children: pkg.submittedAt ? formatDateTime(pkg.submittedAt) : '未报送',
            },
            { key: 'version', label: '报送次数', children: pkg.version > 0 ? `第 ${pkg.version} 次` : '—' },
            ...(pkg.state === 'submitted'
              ? [
                  {
                    key: 'acceptedAt',
                    label: '省级受理',
                    children: pkg.acceptedAt ? formatDateTime(pkg.acceptedAt) : '待受理',
                  },
                ]
              : []),
            ...(pkg.letter
              ? [
                  {
                    key: 'docNumber',
                    label: '发文字号',
                    children: <span data-testid="package-doc-number">{pkg.letter.docNumber}</span>,
                  },
                  { key: 'documentDate', label: '成文日期', children: formatDate(pkg.letter.documentDate) },
                  {
                    key: 'fingerprint',
                    label: '光盘材料指纹（SM3）',
                    span: 'filled' as const,
                    children: (
                      <span data-testid="package-fingerprint">
                        <Typography.Text strong className="mono">
                          {shortDigest(pkg.letter.fingerprint)}
                        </Typography.Text>
                        <Typography.Text type="secondary">
                          {' '}
                          应与纸质推荐文件、推荐表所印及光盘 index.html 所示一致；完整值{' '}
                          <span className="mono-wrap">{pkg.letter.fingerprint}</span>
                        </Typography.Text>
                      </span>
                    ),
                  },
                ]
              : []),
            { key: 'quota', label: '名额使用', children: <QuotaUse used={pkg.quota.used} limit={pkg.quota.limit} /> },
            {
              key: 'channels',
              label: '按渠道',
              children: `市推荐名额 ${count('quota')} · 特定区域 ${count('designated_area')} · 实验室 ${count('lab')}`,
            },
          ]}
        />
        <Table<Recommended>
          className="package-platforms"
          size="small"
          rowKey="applicationId"
          pagination={false}
          dataSource={pkg.recommended}
          locale={{ emptyText: '尚未推荐平台' }}
          columns={[
            { title: '序号', width: 60, render: (_v, _r, i) => i + 1 },
            {
              title: '平台名称',
              dataIndex: 'platformName',
              render: (name: string, r) => <Link to={detailPath(r.applicationId)}>{name}</Link>,
            },
            { title: '运营单位', dataIndex: 'unitName' },
            {
              title: '推荐渠道（备注）',
              dataIndex: 'channel',
              width: 260,
              render: (c: Recommended['channel'], r) => channelText(c, r.designatedAreaName),
            },
          ]}
        />
        {pkg.problems.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="package-problems"
            title={`报送前须解决 ${pkg.problems.length} 个问题`}
            description={
              <ul className="package-problems">
                {pkg.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        )}
      </Space>
    </Card>
  );
}

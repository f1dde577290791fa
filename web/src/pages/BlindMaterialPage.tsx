import { DownloadOutlined, EyeOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Descriptions, Grid, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { BlindDocument } from '#contract';
import { expertApi, expertReviewKeys } from '../api/expert-review-api';
import { channelText } from '../features/common/channels';
import { formatBytes, formatDate, formatWan } from '../features/common/format';
import { previewKindOf } from '../features/evidence/EvidenceFilePreview';
import { ExpertDocumentPreview } from '../features/expert-review/ExpertDocumentPreview';
import { ExpertRefusal } from '../features/expert-review/ExpertRefusal';
import { RubricView } from '../features/expert-review/RubricView';
import { ScoreSheetForm } from '../features/expert-review/ScoreSheetForm';

/** What the browser shows itself; Word, Excel and OFD are previewed in a dialog through the server. */
const VIEWABLE = /^(application\/pdf|image\/)/;
const PDF_NOTICE = 'PDF 无法自动隐去单位名称，请评审时不考虑单位身份';

const orDash = (n: number | null, unit: string) => (n === null ? '—' : `${n}${unit}`);

function NamesUnitTag({ document }: { document: BlindDocument }) {
  if (document.namesUnit === true)
    return (
      <Tag color="orange" icon={<WarningOutlined />}>
        内容含单位名称
      </Tag>
    );
  if (document.namesUnit === null) return <Tag color="default">无法自动检查</Tag>;
  return <Tag color="success">未发现单位名称</Tag>;
}

/**
 * 申报材料 A-01 (the expert): the facts for scoring with the unit's identity hidden, and the evidence under
 * neutral names; documents whose content names the unit are flagged, and PDFs carry the notice that they
 * cannot be redacted. Below, the expert's score sheet of the application.
 */
export function BlindMaterialPage() {
  const { roundId = '', label = '' } = useParams<{ roundId: string; label: string }>();
  const wide = Grid.useBreakpoint().md ?? true;
  const [previewed, setPreviewed] = useState<BlindDocument | null>(null);
  const material = useQuery({
    queryKey: expertReviewKeys.material(roundId, label),
    queryFn: ({ signal }) => expertApi.material(roundId, label, signal),
    retry: false,
  });
  if (material.error && !material.data)
    return <ExpertRefusal error={material.error} onRetry={() => void material.refetch()} />;
  if (!material.data) return <Spin size="large" className="page-spin" description="正在加载评审材料…" />;
  const { facts, documents, rubric } = material.data;
  const hasPdf = documents.some((d) => d.mediaType === 'application/pdf');

  return (
    <div className="blind-material-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          {material.data.title}
        </Typography.Title>
        <Typography.Text type="secondary">
          <Link to="/expert">我的评审</Link>
          {' · 盲审：单位名称、统一社会信用代码、人员、电话和所在地已隐去'}
        </Typography.Text>
      </div>
      {hasPdf && <Alert type="warning" showIcon className="pdf-notice" data-testid="pdf-notice" title={PDF_NOTICE} />}
      <Card size="small" className="form-card" title="申报情况">
        <Descriptions size="small" column={wide ? 2 : 1} layout={wide ? 'horizontal' : 'vertical'} bordered>
          <Descriptions.Item label="平台名称" span={2}>
            {facts.platformName}
          </Descriptions.Item>
          <Descriptions.Item label="服务类别" span={2}>
            {facts.categories.length ? facts.categories.join('、') : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="平台简介" span={2}>
            <div className="pre-wrap">{facts.description}</div>
          </Descriptions.Item>
          <Descriptions.Item label="登记日期">{formatDate(facts.registeredOn)}</Descriptions.Item>
          <Descriptions.Item label="推荐渠道">{channelText(facts.channel)}</Descriptions.Item>
          <Descriptions.Item label="资产总额">{formatWan(facts.totalAssetsWan)}</Descriptions.Item>
          <Descriptions.Item label="服务人员">{orDash(facts.serviceStaff, '人')}</Descriptions.Item>
          <Descriptions.Item label="优惠服务占比">{orDash(facts.preferentialSharePercent, '%')}</Descriptions.Item>
          <Descriptions.Item label="集聚服务机构">{`${facts.institutionCount}家`}</Descriptions.Item>
          <Descriptions.Item label="服务企业名单">{`${facts.rosterCount}家（名单含其他企业联系方式，不提供）`}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" className="form-card" title={`佐证材料（${documents.length}份）`}>
        <ul className="blind-documents" data-testid="blind-documents">
          {documents.map((d) => (
            <li key={d.number} className="blind-document">
              <div className="blind-document-name">
                <Typography.Text strong>{d.name}</Typography.Text>
                <Typography.Text type="secondary">{`${d.evidenceTypeLabel} · ${formatBytes(d.sizeBytes)}`}</Typography.Text>
              </div>
              <div className="blind-document-check">
                <NamesUnitTag document={d} />
                {d.notice && <span>{d.notice}</span>}
              </div>
              <Space className="blind-document-actions">
                {VIEWABLE.test(d.mediaType) && (
                  <a
                    href={expertApi.documentUrl(roundId, label, d.number, true)}
                    target="_blank"
                    rel="noreferrer"
                    aria-label={`查看${d.name}`}
                  >
                    <EyeOutlined /> 查看
                  </a>
                )}
                {previewKindOf(d.mediaType) === 'structured' && (
                  <Button
                    type="link"
                    size="small"
                    className="blind-document-preview"
                    icon={<EyeOutlined />}
                    aria-label={`预览${d.name}`}
                    onClick={() => setPreviewed(d)}
                  >
                    预览
                  </Button>
                )}
                <a href={expertApi.documentUrl(roundId, label, d.number, false)} aria-label={`下载${d.name}`}>
                  <DownloadOutlined /> 下载
                </a>
              </Space>
            </li>
          ))}
        </ul>
      </Card>
      <Collapse
        className="form-card"
        items={[{ key: 'rubric', label: `评分细则：${rubric.title}`, children: <RubricView rubric={rubric} /> }]}
      />
      <ScoreSheetForm roundId={roundId} label={label} />
      <ExpertDocumentPreview roundId={roundId} label={label} document={previewed} onClose={() => setPreviewed(null)} />
    </div>
  );
}

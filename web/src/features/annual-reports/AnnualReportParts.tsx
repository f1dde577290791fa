import { DownloadOutlined } from '@ant-design/icons';
import { Descriptions, Space, Tag, Typography } from 'antd';
import {
  annualFigureLabels,
  annualReportStatuses,
  evaluationResults,
  recognitionStatuses,
  type AnnualFigure,
  type AnnualReportView,
  type RecognitionStatus,
} from '#contract';
import { formatDate, formatDateTime } from '../common/format';

const statusColors: Record<AnnualReportView['status'], string> = {
  due: 'default',
  draft: 'processing',
  submitted: 'blue',
  city_checked: 'geekblue',
  evaluated: 'green',
};

export function ReportStatusTag({ status }: { status: AnnualReportView['status'] }) {
  return <Tag color={statusColors[status]}>{annualReportStatuses[status]}</Tag>;
}

export function RecognitionStatusTag({ status }: { status: string }) {
  const label = recognitionStatuses[status as RecognitionStatus] ?? status;
  const color = status === 'recognized' ? 'green' : status === 'in_rectification' ? 'orange' : 'default';
  return <Tag color={color}>{label}</Tag>;
}

/** The flags the server computed for the year; none shows as a calm dash. */
export function FlagTags({ flags }: { flags: AnnualReportView['flags'] }) {
  if (!flags.length) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {flags.map((f) => (
        <Tag key={f.code} color="red" data-flag={f.code}>
          {f.message}
        </Tag>
      ))}
    </Space>
  );
}

const thresholdOf = (r: AnnualReportView, key: AnnualFigure): number | null =>
  key === 'satisfactionPercent' ? null : r.thresholds[key];

/** The figures beside the thresholds the platform was recognised on, a figure below its threshold marked. */
export function FiguresTable({ report }: { report: AnnualReportView }) {
  return (
    <Descriptions size="small" bordered column={1} className="annual-figures">
      {(Object.keys(annualFigureLabels) as AnnualFigure[]).map((key) => {
        const value = report.figures[key];
        const min = thresholdOf(report, key);
        const below = value !== null && min !== null && value < min;
        return (
          <Descriptions.Item key={key} label={annualFigureLabels[key]}>
            <Typography.Text type={below ? 'danger' : undefined}>{value ?? '—'}</Typography.Text>
            {min !== null && <Typography.Text type="secondary">{`（认定条件 ≥ ${min}）`}</Typography.Text>}
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}

/** What the city found and what the province decided, and the 整改 order with its answer. */
export function ReportSteps({ report }: { report: AnnualReportView }) {
  const check = report.cityCheck;
  const evaluation = report.evaluation;
  const rectification = report.rectification;
  const outcome = (v: 'ok' | 'issue') => (v === 'ok' ? '符合' : '有问题');
  return (
    <Descriptions size="small" bordered column={1} className="annual-steps" styles={{ label: { minWidth: '6em' } }}>
      <Descriptions.Item label="提交时间">{formatDateTime(report.submittedAt)}</Descriptions.Item>
      <Descriptions.Item label="市级核查">
        {check
          ? `服务质量${outcome(check.quality)}、服务收费${outcome(check.fees)}、满意度${outcome(check.satisfaction)}` +
            `${check.remark ? `：${check.remark}` : ''}（${check.byName}，${formatDateTime(check.at)}）`
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="省级评价">
        {evaluation
          ? `${evaluationResults[evaluation.result]}${evaluation.remark ? `：${evaluation.remark}` : ''}（${evaluation.byName}，${formatDateTime(evaluation.at)}）`
          : '—'}
      </Descriptions.Item>
      {rectification && (
        <Descriptions.Item label="整改">
          {`${rectification.status === 'open' ? '整改中' : '已验收'}，期限${formatDate(rectification.deadline)}：${rectification.reason}`}
          {rectification.response && <div>{`整改情况：${rectification.response}`}</div>}
          {rectification.closeNote && <div>{`验收意见：${rectification.closeNote}`}</div>}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** The link to the roster workbook a report was filed with, if any. */
export function RosterLink({ report, href }: { report: AnnualReportView; href: string }) {
  if (!report.roster) return <Typography.Text type="secondary">未导入服务企业名单</Typography.Text>;
  return (
    <a className="text-link" href={href} download>
      <DownloadOutlined /> {`服务企业名单（${report.roster.rows}家，${report.roster.fileName}）`}
    </a>
  );
}

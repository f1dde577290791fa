import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import {
  annualFigureLabels,
  type AnnualFigure,
  type AnnualReportDraft,
  type AnnualReportView,
  type RowError,
} from '#contract';
import { annualReportKeys, myAnnualReportApi } from '../api/annual-reports-api';
import { certificateApi } from '../api/certificates-api';
import { ApiError } from '../api/client';
import { templateUrls } from '../api/endpoints';
import { ExcelImportButton } from '../features/application/ExcelImportButton';
import {
  FiguresTable,
  FlagTags,
  RecognitionStatusTag,
  ReportStatusTag,
  ReportSteps,
  RosterLink,
} from '../features/annual-reports/AnnualReportParts';
import { failureOf } from '../features/common/failureOf';
import { formatDate } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { RefusalAlert } from '../features/common/RefusalAlert';
import { RowErrorsTable } from '../features/common/RowErrorsTable';
import { UploadProgressLine } from '../features/common/UploadProgressLine';
import { useAction } from '../features/common/useAction';
import { useUploadTask } from '../features/common/useUploadTask';

const FIGURES = Object.keys(annualFigureLabels) as AnnualFigure[];
const units: Record<AnnualFigure, { max: number; precision: number }> = {
  totalAssetsWan: { max: 100_000_000, precision: 2 },
  serviceStaff: { max: 10_000_000, precision: 0 },
  institutions: { max: 10_000_000, precision: 0 },
  preferentialSharePercent: { max: 100, precision: 1 },
  enterprisesServed: { max: 10_000_000, precision: 0 },
  satisfactionPercent: { max: 100, precision: 1 },
};

/**
 * 年度报告 (the recognised platform's unit): each year of its recognition whose report is open, newest first — the
 * figures and the self-assessment saved as a draft and submitted when complete; after that, what the city and the
 * province recorded, the flags, and a 整改 order to answer.
 */
export function MyAnnualReportsPage() {
  const reports = useQuery({
    queryKey: annualReportKeys.mine,
    queryFn: ({ signal }) => myAnnualReportApi.list(signal),
  });
  const loadFailure = failureOf(reports);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!reports.data) return <Spin size="large" className="page-spin" description="正在加载年度报告…" />;
  return (
    <div className="my-annual-reports-page">
      <div className="page-heading">
        <Typography.Title level={2}>示范平台年度报告</Typography.Title>
        <Typography.Text type="secondary">
          认定有效期内，每年1月1日起报送上一年度工作总结和服务数据，截止日期见各年度报告。逾期未报送或数据低于认定条件的，系统将预警，省厅可责令整改直至撤销认定。
        </Typography.Text>
      </div>
      {reports.data.length === 0 ? (
        <Empty description="暂无需要报送的年度报告（认定次年起报送）" />
      ) : (
        <Space orientation="vertical" size="large" className="full-width">
          {reports.data.map((r) => (
            <ReportCard key={`${r.recognitionId}-${r.reportYear}`} report={r} />
          ))}
        </Space>
      )}
    </div>
  );
}

function ReportCard({ report }: { report: AnnualReportView }) {
  const editable = report.status === 'due' || report.status === 'draft';
  return (
    <Card
      className="annual-report-card"
      title={`${report.platformName}　${report.reportYear}年度报告`}
      extra={<ReportStatusTag status={report.status} />}
    >
      <Space orientation="vertical" size="middle" className="full-width">
        <Typography.Text>
          {`证书编号：${report.certificateNumber ?? '—'}　报送截止：${formatDate(report.dueDate)}　`}
          <RecognitionStatusTag status={report.recognitionStatus} />
          {report.certificateNumber && (
            <a className="text-link" href={certificateApi.ownPdfUrl(report.recognitionId)} download>
              下载证书
            </a>
          )}
        </Typography.Text>
        {report.flags.length > 0 && <FlagTags flags={report.flags} />}
        {report.rectification?.status === 'open' && <RectificationCard report={report} />}
        {editable ? <ReportForm report={report} /> : <SubmittedReport report={report} />}
      </Space>
    </Card>
  );
}

function SubmittedReport({ report }: { report: AnnualReportView }) {
  return (
    <>
      <FiguresTable report={report} />
      <RosterLink report={report} href={myAnnualReportApi.rosterUrl(report.recognitionId, report.reportYear)} />
      <Typography.Title level={5}>年度工作总结（自评）</Typography.Title>
      <Typography.Paragraph className="self-assessment">{report.selfAssessment}</Typography.Paragraph>
      <ReportSteps report={report} />
    </>
  );
}

type FormValues = Pick<AnnualReportDraft, 'figures' | 'selfAssessment'>;

function ReportForm({ report }: { report: AnnualReportView }) {
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: annualReportKeys.mine });
  const submit = useAction({
    action: () => myAnnualReportApi.submit(report.recognitionId, report.reportYear),
    success: '年度报告已提交，等待市级核查',
    onDone: refresh,
  });
  const save = useAction({
    action: (v: FormValues) =>
      myAnnualReportApi.save(report.recognitionId, report.reportYear, {
        figures: Object.fromEntries(FIGURES.map((k) => [k, v.figures[k] ?? null])) as AnnualReportDraft['figures'],
        selfAssessment: (v.selfAssessment ?? '').trim(),
        version: report.version,
      }),
    success: '已保存',
    onDone: () => {
      submit.clearRefusal();
      refresh();
    },
    fieldErrors: { form, fields: [...FIGURES.map((k) => `figures.${k}`), 'selfAssessment'] },
  });
  const saveThenSubmit = async () => {
    const values = await form.validateFields();
    if (await save.run(values)) await submit.run();
  };
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      name={`annual-report-${report.reportYear}`}
      initialValues={{ figures: report.figures, selfAssessment: report.selfAssessment }}
      onFinish={(v) => void save.run(v)}
    >
      {save.refusal && <RefusalAlert refusal={save.refusal} />}
      {submit.refusal && <RefusalAlert refusal={submit.refusal} />}
      <div className="annual-figures-grid">
        {FIGURES.map((key) => {
          const fromRoster = key === 'enterprisesServed' && report.roster !== null;
          const threshold = key === 'satisfactionPercent' ? null : `认定条件 ≥ ${report.thresholds[key]}`;
          return (
            <Form.Item
              key={key}
              name={['figures', key]}
              label={annualFigureLabels[key]}
              extra={fromRoster ? `按服务企业名单计；${threshold}` : threshold}
            >
              <InputNumber
                min={0}
                max={units[key].max}
                precision={units[key].precision}
                disabled={fromRoster}
                style={{ width: '100%' }}
              />
            </Form.Item>
          );
        })}
      </div>
      <RosterImport
        report={report}
        onImported={(view) => {
          form.setFieldValue(['figures', 'enterprisesServed'], view.figures.enterprisesServed);
          refresh();
        }}
      />
      <Form.Item name="selfAssessment" label="年度工作总结（自评）">
        <Input.TextArea rows={6} maxLength={8000} showCount />
      </Form.Item>
      <Space wrap>
        <Button htmlType="submit" loading={save.busy}>
          保存草稿
        </Button>
        <Button type="primary" loading={save.busy || submit.busy} onClick={() => void saveThenSubmit()}>
          保存并提交
        </Button>
      </Space>
    </Form>
  );
}

/**
 * 服务企业名单: the year's served enterprises imported from the roster template (dates within the year). Its row
 * count becomes 年服务企业数; a refused workbook lists every bad cell and changes nothing.
 */
function RosterImport({ report, onImported }: { report: AnnualReportView; onImported: (v: AnnualReportView) => void }) {
  const { message } = App.useApp();
  const [rejection, setRejection] = useState<{ message: string; rowErrors: RowError[] } | null>(null);
  const task = useUploadTask((file, onProgress) =>
    myAnnualReportApi.importRoster(report.recognitionId, report.reportYear, file, onProgress),
  );
  const importExcel = (file: File) => {
    setRejection(null);
    task.run(file).then(
      (view) => {
        message.success(`已导入 ${view.roster?.rows ?? 0} 家服务企业`);
        onImported(view);
      },
      (error: Error) => {
        if (error instanceof ApiError && error.body.rowErrors) {
          setRejection({ message: error.message, rowErrors: error.body.rowErrors });
        } else {
          message.error(`导入失败：${error.message}`);
        }
      },
    );
  };
  return (
    <div className="annual-roster" data-testid="annual-roster" style={{ marginBottom: 24 }}>
      <Typography.Title level={5}>服务企业名单</Typography.Title>
      <Typography.Paragraph type="secondary">
        {`按模板填写${report.reportYear}年内服务过的企业（服务日期须在${report.reportYear}年内），导入后年服务企业数按名单行数计。名单含联系人电话，仅本单位、所在市和省厅可下载。`}
      </Typography.Paragraph>
      <Space wrap>
        <ExcelImportButton busy={task.uploading !== null} onFile={importExcel}>
          {report.roster ? '重新导入名单' : '导入服务企业名单'}
        </ExcelImportButton>
        <a className="text-link" href={templateUrls.roster} download>
          <DownloadOutlined /> 下载名单模板
        </a>
        <RosterLink report={report} href={myAnnualReportApi.rosterUrl(report.recognitionId, report.reportYear)} />
      </Space>
      {task.uploading && <UploadProgressLine state={task.uploading} />}
      {rejection && <RowErrorsTable {...rejection} />}
    </div>
  );
}

function RectificationCard({ report }: { report: AnnualReportView }) {
  const rectification = report.rectification!;
  const [form] = Form.useForm<{ response: string }>();
  const queryClient = useQueryClient();
  const { busy, refusal, run } = useAction({
    action: (v: { response: string }) => myAnnualReportApi.respond(report.recognitionId, v.response.trim()),
    success: '整改情况已报送，等待省厅验收',
    onDone: () => void queryClient.invalidateQueries({ queryKey: annualReportKeys.mine }),
  });
  return (
    <Alert
      type="warning"
      showIcon
      className="rectification-alert"
      title={`省厅责令整改，期限至${formatDate(rectification.deadline)}`}
      description={
        <Space orientation="vertical" className="full-width">
          <Typography.Text>{`整改事由：${rectification.reason}`}</Typography.Text>
          {refusal && <RefusalAlert refusal={refusal} />}
          <Form<{ response: string }>
            form={form}
            layout="vertical"
            name="rectification-response"
            initialValues={{ response: rectification.response ?? '' }}
            onFinish={(v) => void run(v)}
          >
            <Form.Item
              name="response"
              label="整改情况"
              rules={[{ required: true, whitespace: true, message: '须填写' }]}
            >
              <Input.TextArea rows={4} maxLength={8000} showCount />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={busy}>
              {rectification.response ? '更新整改情况' : '报送整改情况'}
            </Button>
          </Form>
        </Space>
      }
    />
  );
}

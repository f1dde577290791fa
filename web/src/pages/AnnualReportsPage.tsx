import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Drawer, Form, Input, Radio, Select, Space, Spin, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  cityCheckItems,
  todayInShanghai,
  type AnnualReportView,
  type CityCheckInput,
  type EvaluationInput,
  type RevocationInput,
} from '#contract';
import { annualReportApi, annualReportKeys } from '../api/annual-reports-api';
import { certificateApi } from '../api/certificates-api';
import { useSession } from '../app/session';
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
import { FormDialog } from '../features/common/FormDialog';

type Dialog = {
  kind: 'view' | 'check' | 'evaluate' | 'order' | 'accept' | 'revoke';
  report: AnnualReportView;
} | null;

/**
 * 年度报告 (the city: the platforms it recommended; the province: all): each recognised platform's report on a year,
 * with the flags the server raises (missing after the due date, late, below the thresholds it was recognised on, the
 * city's issues, a failed evaluation). The city checks a submitted report; the province evaluates it, orders 整改
 * with a deadline and accepts the rectification.
 */
export function AnnualReportsPage() {
  const { session } = useSession();
  const role = session.user?.role;
  // Unset: the server's current year of filing (last year by its clock), which the answer names.
  const [picked, setYear] = useState<number>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const queryClient = useQueryClient();
  const reports = useQuery({
    queryKey: annualReportKeys.year(picked),
    queryFn: ({ signal }) => annualReportApi.list(picked, signal),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: annualReportKeys.year(picked) });
  const loadFailure = failureOf(reports);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!reports.data) return <Spin size="large" className="page-spin" description="正在加载年度报告…" />;
  const year = reports.data.reportYear;
  const years = Array.from({ length: 6 }, (_, i) => (picked ?? year) + 2 - i);
  const close = () => setDialog(null);
  const done = () => {
    refresh();
    close();
  };
  return (
    <div className="annual-reports-page">
      <div className="page-heading">
        <Typography.Title level={2}>示范平台年度报告</Typography.Title>
        <Typography.Text type="secondary">
          已认定的示范平台每年报送上一年度工作总结和服务数据；
          {role === 'city' ? '本市核查服务质量、服务收费和满意度后报省厅评价。' : '市级核查后由省厅评价，可责令整改。'}
        </Typography.Text>
      </div>
      <Space className="page-actions" wrap>
        <label htmlFor="annual-year">报告年度</label>
        <Select
          id="annual-year"
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={years.map((y) => ({ value: y, label: `${y}年度` }))}
        />
        <Typography.Text type="secondary">{`报送截止：${reports.data.dueDates.map(formatDate).join('、')}`}</Typography.Text>
      </Space>
      <Table<AnnualReportView>
        className="annual-reports-table"
        rowKey="recognitionId"
        dataSource={reports.data.reports}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: `${year}年度没有需要报送年度报告的示范平台` }}
        columns={[
          { title: '证书编号', dataIndex: 'certificateNumber', width: 190 },
          { title: '平台名称', dataIndex: 'platformName' },
          { title: '运营单位', dataIndex: 'unitName' },
          { title: '地区', dataIndex: 'cityName', width: 90 },
          {
            title: '认定状态',
            key: 'recognition',
            width: 100,
            render: (_, r) => <RecognitionStatusTag status={r.recognitionStatus} />,
          },
          { title: '报告', key: 'status', width: 170, render: (_, r) => <ReportStatusTag status={r.status} /> },
          { title: '预警', key: 'flags', width: 220, render: (_, r) => <FlagTags flags={r.flags} /> },
          {
            title: '操作',
            key: 'actions',
            width: 220,
            render: (_, r) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => setDialog({ kind: 'view', report: r })}>
                  查看
                </Button>
                {role === 'city' && r.status === 'submitted' && (
                  <Button size="small" type="primary" onClick={() => setDialog({ kind: 'check', report: r })}>
                    核查
                  </Button>
                )}
                {role === 'province' && r.status === 'city_checked' && (
                  <Button size="small" type="primary" onClick={() => setDialog({ kind: 'evaluate', report: r })}>
                    评价
                  </Button>
                )}
                {role === 'province' && r.recognitionStatus === 'recognized' && (
                  <Button size="small" danger onClick={() => setDialog({ kind: 'order', report: r })}>
                    责令整改
                  </Button>
                )}
                {role === 'province' && (
                  <Button size="small" href={certificateApi.pdfUrl(r.recognitionId)} download>
                    证书
                  </Button>
                )}
                {role === 'province' &&
                  (r.recognitionStatus === 'recognized' || r.recognitionStatus === 'in_rectification') && (
                    <Button size="small" danger onClick={() => setDialog({ kind: 'revoke', report: r })}>
                      撤销认定
                    </Button>
                  )}
                {role === 'province' && r.rectification?.status === 'open' && r.rectification.response && (
                  <Button size="small" onClick={() => setDialog({ kind: 'accept', report: r })}>
                    整改验收
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'view' && (
        <Drawer open size="large" title={`${dialog.report.platformName}　${year}年度报告`} onClose={close}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <ReportStatusTag status={dialog.report.status} />
            <FlagTags flags={dialog.report.flags} />
            <FiguresTable report={dialog.report} />
            <RosterLink
              report={dialog.report}
              href={annualReportApi.rosterUrl(dialog.report.recognitionId, dialog.report.reportYear)}
            />
            <Typography.Title level={5}>年度工作总结（自评）</Typography.Title>
            <Typography.Paragraph className="self-assessment">
              {dialog.report.selfAssessment || '—'}
            </Typography.Paragraph>
            <ReportSteps report={dialog.report} />
          </Space>
        </Drawer>
      )}
      {dialog?.kind === 'check' && <CheckDialog report={dialog.report} onClose={close} onDone={done} />}
      {dialog?.kind === 'evaluate' && <EvaluateDialog report={dialog.report} onClose={close} onDone={done} />}
      {dialog?.kind === 'order' && <OrderDialog report={dialog.report} onClose={close} onDone={done} />}
      {dialog?.kind === 'accept' && <AcceptDialog report={dialog.report} onClose={close} onDone={done} />}
      {dialog?.kind === 'revoke' && <RevokeDialog report={dialog.report} onClose={close} onDone={done} />}
    </div>
  );
}

interface DialogProps {
  report: AnnualReportView;
  onClose: () => void;
  onDone: () => void;
}

const required = [{ required: true, whitespace: true, message: '须填写' }];
const outcomeOptions = (ok: string, bad: string, okValue: string, badValue: string) => [
  { value: okValue, label: ok },
  { value: badValue, label: bad },
];

function CheckDialog({ report, onClose, onDone }: DialogProps) {
  return (
    <FormDialog<CityCheckInput>
      title={`市级核查：${report.platformName}`}
      okText="保存核查结果"
      name="city-check"
      initialValues={{ quality: 'ok', fees: 'ok', satisfaction: 'ok', remark: '' }}
      action={(v) =>
        annualReportApi.cityCheck(report.recognitionId, report.reportYear, { ...v, remark: (v.remark ?? '').trim() })
      }
      success="核查结果已记录"
      onClose={onClose}
      onDone={onDone}
    >
      {(Object.keys(cityCheckItems) as (keyof typeof cityCheckItems)[]).map((key) => (
        <Form.Item key={key} name={key} label={cityCheckItems[key]}>
          <Radio.Group options={outcomeOptions('符合', '有问题', 'ok', 'issue')} />
        </Form.Item>
      ))}
      <Form.Item name="remark" label="核查情况" extra="有问题的核查项须写明情况">
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
    </FormDialog>
  );
}

function EvaluateDialog({ report, onClose, onDone }: DialogProps) {
  return (
    <FormDialog<EvaluationInput>
      title={`省级评价：${report.platformName}`}
      okText="保存评价"
      name="evaluation"
      initialValues={{ result: 'pass', remark: '' }}
      action={(v) =>
        annualReportApi.evaluate(report.recognitionId, report.reportYear, { ...v, remark: (v.remark ?? '').trim() })
      }
      success="评价已记录"
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="result" label="评价结果">
        <Radio.Group options={outcomeOptions('合格', '不合格', 'pass', 'fail')} />
      </Form.Item>
      <Form.Item name="remark" label="评价意见" extra="评价为不合格时须写明理由">
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
    </FormDialog>
  );
}

function OrderDialog({ report, onClose, onDone }: DialogProps) {
  return (
    <FormDialog<{ reason: string; deadline: Dayjs }>
      title={`责令整改：${report.platformName}`}
      okText="责令整改"
      danger
      name="rectification"
      intro={
        <Typography.Paragraph type="secondary">
          整改期间平台状态为“整改中”；平台报送整改情况后，由省厅验收。
        </Typography.Paragraph>
      }
      action={(v) =>
        annualReportApi.orderRectification(report.recognitionId, {
          reportYear: report.reportYear,
          reason: v.reason.trim(),
          deadline: v.deadline.format('YYYY-MM-DD'),
        })
      }
      success="已责令整改"
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="reason" label="整改事由" rules={required}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '须选择' }]}>
        <DatePicker format="YYYY年M月D日" disabledDate={(d) => d.format('YYYY-MM-DD') <= todayInShanghai()} />
      </Form.Item>
    </FormDialog>
  );
}

function AcceptDialog({ report, onClose, onDone }: DialogProps) {
  return (
    <FormDialog<{ note: string }>
      title={`整改验收：${report.platformName}`}
      okText="验收通过"
      name="acceptance"
      intro={<Typography.Paragraph>{`整改情况：${report.rectification?.response ?? ''}`}</Typography.Paragraph>}
      action={(v) => annualReportApi.acceptRectification(report.recognitionId, v.note.trim())}
      success="整改已验收，平台恢复为已认定"
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="note" label="验收意见" rules={required}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </FormDialog>
  );
}

function RevokeDialog({ report, onClose, onDone }: DialogProps) {
  return (
    <FormDialog<RevocationInput>
      title={`撤销认定：${report.platformName}`}
      okText="撤销认定"
      danger
      name="revocation"
      intro={
        <Typography.Paragraph type="secondary">
          撤销后平台不再具有示范平台称号，证书查验显示为“已撤销”，撤销公告公开发布。此操作不能恢复。
        </Typography.Paragraph>
      }
      action={(v) => certificateApi.revoke(report.recognitionId, { reason: v.reason.trim(), notice: v.notice.trim() })}
      success="已撤销认定，证书查验显示为已撤销"
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="reason" label="撤销理由" rules={required}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Form.Item name="notice" label="撤销公告" rules={required}>
        <Input.TextArea rows={5} maxLength={5000} showCount />
      </Form.Item>
    </FormDialog>
  );
}

import { CheckCircleFilled, PrinterOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  ConfigProvider,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Space,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ApplicationView, ReviewView, SiteCheckInput } from '#contract';
import type { UploadProgress } from '../../api/client';
import { documentUrls, evidenceInlineUrl, reviewApi } from '../../api/endpoints';
import { acceptAttribute, kindNames } from '../common/fileTypes';
import { formatDateTime } from '../common/format';
import { DocumentButtons } from '../documents/DocumentButtons';
import { preventImplicitSubmit } from '../common/noImplicitSubmit';
import { readOnlyTheme } from '../common/readOnlyTheme';
import { UploadProgressLine } from '../common/UploadProgressLine';
import { useUploadTask } from '../common/useUploadTask';
import { OfficialsSelect } from './OfficialsSelect';
import { RefusalAlert } from './RefusalAlert';
import { refusalOf } from './reviewLabels';
import { useAction } from '../common/useAction';

export const conclusions = {
  consistent: '属实（与申报材料一致）',
  inconsistent: '不属实（与申报材料不一致）',
} as const;

const SCAN_KINDS = ['pdf', 'jpeg', 'png', 'ofd'];

interface SiteCheckValues {
  checkedOn: Dayjs | null;
  officials: string[];
  findings: string;
  conclusion: SiteCheckInput['conclusion'] | undefined;
}

const FIELDS = ['checkedOn', 'officials', 'findings', 'conclusion'];

interface SectionProps {
  view: ReviewView;
  application: ApplicationView;
  batchYear: number | undefined;
  /** The printable 附件1 of this application. */
  statementPath: string;
  editable: boolean;
  onView: (view: ReviewView) => void;
}

function SiteCheckForm({ view, editable, onView }: Pick<SectionProps, 'view' | 'editable' | 'onView'>) {
  const [form] = Form.useForm<SiteCheckValues>();
  const { busy: saving, refusal, run: save } = useAction(onView, { form, fields: FIELDS });
  const recorded = view.siteCheck;
  const initialValues: SiteCheckValues = {
    checkedOn: recorded ? dayjs(recorded.checkedOn) : null,
    officials: recorded?.officials ?? [],
    findings: recorded?.findings ?? '',
    conclusion: recorded?.conclusion,
  };
  const submit = (values: SiteCheckValues) =>
    void save(
      () =>
        reviewApi.saveSiteCheck(view.applicationId, {
          checkedOn: values.checkedOn!.format('YYYY-MM-DD'),
          officials: values.officials,
          findings: values.findings.trim(),
          conclusion: values.conclusion!,
        }),
      '现场核查记录已保存',
    );
  return (
    <Card
      size="small"
      title="现场核查记录"
      className="form-card"
      extra={
        recorded && <Typography.Text type="secondary">记录于 {formatDateTime(recorded.recordedAt)}</Typography.Text>
      }
    >
      {refusal && <RefusalAlert refusal={refusal} />}
      <ConfigProvider theme={editable ? undefined : readOnlyTheme}>
        <Form<SiteCheckValues>
          form={form}
          name="siteCheck"
          onKeyDown={preventImplicitSubmit}
          layout="vertical"
          initialValues={initialValues}
          disabled={!editable}
          onFinish={submit}
          requiredMark={false}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="checkedOn" label="核查日期" rules={[{ required: true, message: '请选择核查日期' }]}>
                <DatePicker
                  format="YYYY年M月D日"
                  className="full-width"
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="officials"
                label="参加核查人员"
                rules={[{ required: true, type: 'array', min: 1, message: '至少填写一人' }]}
              >
                <OfficialsSelect />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="findings"
            label="核查情况"
            rules={[{ required: true, whitespace: true, message: '请填写核查情况' }]}
          >
            <Input.TextArea
              rows={5}
              maxLength={4000}
              showCount
              placeholder="场地、人员、设备、服务台账等与申报材料的核对情况"
            />
          </Form.Item>
          <Form.Item name="conclusion" label="核查结论" rules={[{ required: true, message: '请选择核查结论' }]}>
            <Radio.Group
              options={(Object.keys(conclusions) as (keyof typeof conclusions)[]).map((value) => ({
                value,
                label: conclusions[value],
              }))}
            />
          </Form.Item>
          {/* Not a submit button: Enter in the date picker or the names field must not save half a record. */}
          {editable && (
            <Button type="primary" onClick={() => form.submit()} icon={<SaveOutlined />} loading={saving}>
              保存现场核查记录
            </Button>
          )}
        </Form>
      </ConfigProvider>
    </Card>
  );
}

/** 附件1 for printing, then the scan with both seals. */
function StatementCard({ view, application, batchYear, statementPath, editable, onView }: SectionProps) {
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const send = useCallback(
    (file: File, onProgress: (p: UploadProgress) => void) =>
      reviewApi.uploadSiteCheckScan(view.applicationId, file, onProgress),
    [view.applicationId],
  );
  const { uploading, run } = useUploadTask(send);
  const scanFileId = view.siteCheck?.scanFileId ?? null;

  const upload = (file: File) => {
    setError(null);
    run(file).then(
      (updated) => {
        onView(updated);
        message.success('盖章扫描件已上传');
      },
      (failure: unknown) => setError(`${file.name}：${refusalOf(failure).title}`),
    );
  };

  return (
    <Card size="small" title="现场核查真实性说明（附件1）" className="form-card statement-card">
      <div className="statement-preview">
        <div className="statement-preview-title">现场核查真实性说明</div>
        <p>
          经现场核查，<u>{application.unitName}</u>
          {batchYear ?? ''}年度河南省中小企业公共服务示范平台申报材料真实有效，符合申报要求。
        </p>
        <div className="statement-preview-seals">
          <span>（被核查单位盖章）</span>
          <span>（工业和信息化主管部门盖章）</span>
        </div>
      </div>
      <Space wrap className="statement-actions">
        <Link to={statementPath} target="_blank">
          <Button icon={<PrinterOutlined />}>打印真实性说明</Button>
        </Link>
        <DocumentButtons
          name="附件1 真实性说明"
          size="middle"
          links={{
            docx: documentUrls.siteCheckStatement(view.applicationId, 'docx'),
            pdf: documentUrls.siteCheckStatement(view.applicationId, 'pdf'),
          }}
        />
        {editable && (
          <Upload
            accept={acceptAttribute(SCAN_KINDS)}
            showUploadList={false}
            beforeUpload={(file) => {
              upload(file);
              return false;
            }}
            disabled={!view.siteCheck || Boolean(uploading)}
          >
            <Button
              type={scanFileId ? 'default' : 'primary'}
              icon={<UploadOutlined />}
              disabled={!view.siteCheck || Boolean(uploading)}
            >
              {scanFileId ? '重新上传盖章扫描件' : '上传盖章扫描件'}
            </Button>
          </Upload>
        )}
      </Space>
      <Typography.Paragraph type="secondary" className="card-note">
        打印后由被核查单位和主管部门双方盖章，扫描上传（{kindNames(SCAN_KINDS)}）。
        {editable && !view.siteCheck ? '请先保存现场核查记录。' : ''}
      </Typography.Paragraph>
      {uploading && <UploadProgressLine state={uploading} />}
      {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} />}
      {scanFileId ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          data-testid="scan-uploaded"
          title="已上传双方盖章的扫描件"
          action={
            <Typography.Link href={evidenceInlineUrl(view.applicationId, scanFileId)} target="_blank" rel="noopener">
              查看
            </Typography.Link>
          }
        />
      ) : (
        <Alert type="warning" showIcon title="尚未上传盖章扫描件：上传后现场核查才算完成" />
      )}
    </Card>
  );
}

/** 现场核查: date, officials, findings, conclusion; the truthfulness statement sealed by both sides. */
export function SiteCheckSection(props: SectionProps) {
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <SiteCheckForm view={props.view} editable={props.editable} onView={props.onView} />
      </Col>
      <Col xs={24} xl={10}>
        <StatementCard {...props} />
      </Col>
    </Row>
  );
}

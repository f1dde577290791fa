import '../features/publicity/publicity.css';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Result, Spin, Typography, Upload } from 'antd';
import type { RcFile } from 'antd/es/upload';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { objectionInputSchema, type ObjectionInput, type ObjectionReceipt } from '#contract';
import { ApiError } from '../api/client';
import { publicityKeys, publicPublicityApi } from '../api/publicity-api';
import { failureOf } from '../features/common/failureOf';
import { formatDeadline } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { RefusalAlert } from '../features/common/RefusalAlert';
import { fieldsOf } from '../features/common/schemaRules';
import { useAction } from '../features/common/useAction';
import { ObjectionFields } from '../features/publicity/ObjectionFields';
import { windowText } from '../features/publicity/PublicityWindow';

const FIELDS = fieldsOf(objectionInputSchema);
const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';

/** One evidence file after the objection was received: sent, or refused with the server's reason. */
interface FileResult {
  uid: string;
  name: string;
  error: string | null;
}

const uploadFailure = (error: unknown): string =>
  error instanceof ApiError ? (error.body.errors?.[0]?.message ?? error.message) : '上传失败，请重试';

/** The receipt, large, with what happens next and the evidence files as sent. */
function ReceiptView({
  receipt,
  files,
  onMoreFiles,
  sending,
}: {
  receipt: ObjectionReceipt;
  files: FileResult[];
  onMoreFiles: (file: File) => void;
  sending: boolean;
}) {
  return (
    <Result
      status="success"
      title="异议已受理"
      subTitle={`异议涉及的平台：${receipt.platformName}；受理时间：${formatDeadline(receipt.receivedAt)}（北京时间）`}
    >
      <div className="objection-receipt" data-testid="objection-receipt">
        <Typography.Text type="secondary">受理编号</Typography.Text>
        <div className="objection-receipt-number">{receipt.receiptNumber}</div>
        <Alert
          type="warning"
          showIcon
          title="请保存受理编号"
          description="查询处理进展或补充材料时请提供受理编号。"
          className="form-alert"
        />
        <Typography.Paragraph>
          接下来：省工业和信息化厅将指定专人调查核实，必要时请推荐该平台的市级主管部门说明情况；处理完毕后，将通过您留下的联系方式告知处理结果。公示期结束前有未办结异议的平台，暂不予认定。
        </Typography.Paragraph>
        {files.length > 0 && (
          <ul className="objection-files" aria-label="佐证材料">
            {files.map((f) => (
              <li key={f.uid}>
                {f.name}：{f.error ? <Typography.Text type="danger">{f.error}</Typography.Text> : '已上传'}
              </li>
            ))}
          </ul>
        )}
        {receipt.uploadToken && (
          <Upload
            accept={ACCEPTED_FILES}
            showUploadList={false}
            beforeUpload={(file) => {
              onMoreFiles(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={sending}>
              补充佐证材料
            </Button>
          </Upload>
        )}
      </div>
    </Result>
  );
}

/** 提出异议 (no account): 实名, contact, the platform, the grounds and evidence files; the receipt number on success. */
export function ObjectionFormPage() {
  const { publicityId = '' } = useParams();
  const [form] = Form.useForm<ObjectionInput>();
  const [picked, setPicked] = useState<RcFile[]>([]);
  const [receipt, setReceipt] = useState<ObjectionReceipt | null>(null);
  const [fileResults, setFileResults] = useState<FileResult[]>([]);
  const [sending, setSending] = useState(false);
  const [filesMissing, setFilesMissing] = useState(false);
  const list = useQuery({
    queryKey: publicityKeys.publicList,
    queryFn: ({ signal }) => publicPublicityApi.list(signal),
  });

  const sendFiles = async (received: ObjectionReceipt, files: { uid: string; file: File }[]) => {
    if (!received.uploadToken) return;
    setSending(true);
    for (const { uid, file } of files) {
      const error = await publicPublicityApi
        .evidence(received.objectionId, received.uploadToken, file, () => undefined)
        .then(
          () => null,
          (e: unknown) => uploadFailure(e),
        );
      setFileResults((results) => [...results, { uid, name: file.name, error }]);
    }
    setSending(false);
  };

  const submit = useAction({
    action: (values: ObjectionInput) => publicPublicityApi.object(publicityId, values),
    success: '异议已提交',
    onDone: (received) => {
      setReceipt(received);
      void sendFiles(
        received,
        picked.map((file) => ({ uid: file.uid, file })),
      );
    },
    fieldErrors: { form, fields: FIELDS },
  });

  const loadFailure = failureOf(list);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!list.data) return <Spin size="large" className="page-spin" description="正在加载公示…" />;
  const publicity = list.data.find((p) => p.id === publicityId);

  if (receipt)
    return (
      <div className="publicity-page">
        <ReceiptView
          receipt={receipt}
          files={fileResults}
          sending={sending}
          onMoreFiles={(file) => void sendFiles(receipt, [{ uid: `${Date.now()}`, file }])}
        />
        <Link to="/publicity">返回公示</Link>
      </div>
    );

  if (!publicity || publicity.phase !== 'open' || publicity.objections.writtenOnly)
    return (
      <Result
        status="info"
        title={publicity ? `${publicity.title}：${publicity.phaseLabel}` : '未找到该公示'}
        subTitle={
          publicity?.objections.writtenOnly
            ? '本次公示只受理书面异议，请按公示所列方式寄送或送达。'
            : '只能在公示期内在线提出异议。'
        }
        extra={<Link to="/publicity">查看公示</Link>}
      />
    );

  return (
    <div className="publicity-page">
      <Typography.Title level={1} className="publicity-page-title">
        提出异议
      </Typography.Title>
      <Typography.Paragraph>
        {publicity.title}。公示期：{windowText(publicity.days, publicity.unit, publicity.window)}。
      </Typography.Paragraph>
      <Card>
        {submit.refusal && <RefusalAlert refusal={submit.refusal} onClose={submit.clearRefusal} />}
        <Form<ObjectionInput>
          form={form}
          name="objection"
          layout="vertical"
          onFinish={(values) => {
            const missing = publicity.objections.evidenceRequired && picked.length === 0;
            setFilesMissing(missing);
            if (!missing) void submit.run(values);
          }}
        >
          <ObjectionFields candidates={publicity.candidates} />
          <Form.Item
            label="佐证材料"
            required={publicity.objections.evidenceRequired}
            validateStatus={filesMissing ? 'error' : undefined}
            help={filesMissing ? '须附佐证材料' : undefined}
            extra={`${publicity.objections.evidenceRequired ? '须附佐证材料。' : ''}PDF、图片、Word 或 Excel 文件，每个不超过 10 MB；提交异议后上传。`}
          >
            <Upload
              accept={ACCEPTED_FILES}
              multiple
              fileList={picked}
              beforeUpload={(file) => {
                setPicked((files) => [...files, file]);
                setFilesMissing(false);
                return false;
              }}
              onRemove={(file) => setPicked((files) => files.filter((f) => f.uid !== file.uid))}
            >
              <Button icon={<UploadOutlined />}>选择文件</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" loading={submit.busy}>
            提交异议
          </Button>
        </Form>
      </Card>
    </div>
  );
}

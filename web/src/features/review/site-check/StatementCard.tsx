import { CheckCircleFilled, PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { documentUrls, evidenceInlineUrl, reviewApi } from '../../../api/endpoints';
import { acceptAttribute, kindNames } from '../../common/fileTypes';
import { refusalOf } from '../../common/refusal';
import { UploadProgressLine } from '../../common/UploadProgressLine';
import { useUploadTask } from '../../common/useUploadTask';
import { DocumentButtons } from '../../documents/DocumentButtons';
import type { SiteCheckSectionProps } from './SiteCheckSection';

const SCAN_KINDS = ['pdf', 'jpeg', 'png', 'ofd'];

/** 附件1 for printing, then the scan with both seals. */
export function StatementCard({
  view,
  application,
  batchYear,
  statementPath,
  editable,
  onView,
}: SiteCheckSectionProps) {
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const { uploading, run } = useUploadTask((file, onProgress) =>
    reviewApi.uploadSiteCheckScan(view.applicationId, file, onProgress),
  );
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

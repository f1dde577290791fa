import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography, Upload } from 'antd';
import type { EvidenceFileView, EvidenceType } from '#contract';
import { applicantApi, evidenceDownloadUrl } from '../../api/endpoints';
import { UploadProgressLine } from '../common/UploadProgressLine';
import { acceptAttribute } from '../common/fileTypes';
import { useFocusReturn } from '../common/useFocusReturn';
import { useUploadTask } from '../common/useUploadTask';
import { tooLargeMessage } from '../evidence/sizeLimit';

export const AGREEMENT_EVIDENCE_TYPE = 'institution_agreement';

/** What the batch says of agreement files: the kinds it takes and its size limit, named with its label. */
export type AgreementType = Pick<EvidenceType, 'label' | 'accepts' | 'maxMb'>;

interface AgreementCellProps {
  applicationId: string;
  file: EvidenceFileView | undefined;
  type: AgreementType;
  editable: boolean;
  onUploaded: (file: EvidenceFileView) => void;
}

/**
 * The cooperation agreement of one institution: its file (or the progress of its upload) and a button to
 * upload it, which stays in place through the upload and has focus again after it. A file over the type's
 * size limit is refused before it is sent.
 */
export function AgreementCell({ applicationId, file, type, editable, onUploaded }: AgreementCellProps) {
  const { message } = App.useApp();
  const { uploading, run } = useUploadTask((file, onProgress) =>
    applicantApi.uploadEvidence(applicationId, AGREEMENT_EVIDENCE_TYPE, file, onProgress),
  );
  const button = useFocusReturn<HTMLButtonElement>(Boolean(uploading));

  return (
    <Space size={4} wrap>
      {uploading && <UploadProgressLine state={uploading} />}
      {!uploading && file && (
        <Typography.Link href={evidenceDownloadUrl(applicationId, file.id)} className="agreement-file" ellipsis>
          <PaperClipOutlined /> {file.originalName}
        </Typography.Link>
      )}
      {editable && (
        <Upload
          accept={acceptAttribute(type.accepts)}
          showUploadList={false}
          beforeUpload={(picked) => {
            const tooLarge = tooLargeMessage(type, picked);
            if (tooLarge) message.error(tooLarge);
            else run(picked).then(onUploaded, (error: Error) => message.error(`协议上传失败：${error.message}`));
            return false;
          }}
        >
          <Button ref={button} size="small" icon={<UploadOutlined />} disabled={Boolean(uploading)}>
            {file ? '更换' : '上传协议'}
          </Button>
        </Upload>
      )}
      {!file && !editable && <Typography.Text type="secondary">未上传</Typography.Text>}
    </Space>
  );
}

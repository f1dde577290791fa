import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, List, Typography } from 'antd';
import type { PreviousEvidence } from '#contract';
import { applicantApi } from '../../api/endpoints';
import { formatBytes, formatDateTime } from '../common/format';
import './previous-evidence.css';

interface PreviousEvidenceListProps {
  applicationId: string;
  files: readonly PreviousEvidence[];
  onChanged: () => void;
}

/**
 * The earlier application's files this year's evidence may reuse: none is used until the applicant
 * confirms it, file by file (沿用去年的文件), for the same type of evidence.
 */
export function PreviousEvidenceList({ applicationId, files, onChanged }: PreviousEvidenceListProps) {
  const { message } = App.useApp();
  const confirm = useMutation({
    mutationFn: (file: PreviousEvidence) => applicantApi.confirmPreviousEvidence(applicationId, file.id),
    onSuccess: (_, file) => {
      message.success(`已沿用“${file.originalName}”作为本年度的${file.typeLabel}`);
      // The confirmed file leaves this list: focus goes to its type's card, where it now is.
      document
        .getElementById(`evidence-${file.evidenceType}`)
        ?.querySelector<HTMLButtonElement>('button:enabled')
        ?.focus();
      onChanged();
    },
    onError: (error: Error) => {
      message.error(error.message);
      onChanged();
    },
  });
  if (files.length === 0) return null;
  return (
    <Alert
      type="info"
      className="previous-evidence"
      data-testid="previous-evidence"
      title="往年申报的材料"
      description={
        <>
          <Typography.Paragraph type="secondary">
            以下文件来自往年的申报，尚未用于本年度。请逐个核对内容仍然有效（如营业执照未变更），再确认沿用；不沿用的请重新上传。
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={[...files]}
            renderItem={(file) => (
              <List.Item
                key={file.id}
                actions={[
                  <Button
                    key="confirm"
                    size="small"
                    loading={confirm.isPending && confirm.variables?.id === file.id}
                    disabled={confirm.isPending}
                    aria-label={`沿用去年的文件：${file.originalName}`}
                    onClick={() => confirm.mutate(file)}
                  >
                    沿用去年的文件
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={<span className="previous-evidence-name">{file.originalName}</span>}
                  description={`${file.typeLabel} · ${formatBytes(file.sizeBytes)} · 上传于 ${formatDateTime(file.uploadedAt)}`}
                />
              </List.Item>
            )}
          />
        </>
      }
    />
  );
}

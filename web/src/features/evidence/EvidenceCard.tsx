import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Tag, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { BatchConfig, EvidenceFileView } from '#contract';
import { applicantApi } from '../../api/endpoints';
import { acceptAttribute } from '../common/fileTypes';
import { UploadProgressLine } from '../common/UploadProgressLine';
import { useFocusReturn } from '../common/useFocusReturn';
import { useUploadTask } from '../common/useUploadTask';
import { EvidenceFileList } from './EvidenceFileList';
import { acceptsText, tooLargeMessage } from './sizeLimit';

type EvidenceType = BatchConfig['evidenceTypes'][number];

interface EvidenceCardProps {
  applicationId: string;
  type: EvidenceType;
  files: readonly EvidenceFileView[];
  editable: boolean;
  onChanged: () => void;
  /** What the city asked to change here. */
  remarks?: string[];
  /** Files here whose content is uploaded elsewhere in the application too. */
  duplicates?: string[];
}

/**
 * One kind of evidence: what is accepted (kinds and size), what is uploaded, and an upload button with
 * progress; a file over the type's size limit is refused before it is sent.
 */
export function EvidenceCard({
  applicationId,
  type,
  files,
  editable,
  onChanged,
  remarks,
  duplicates,
}: EvidenceCardProps) {
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const { uploading, run } = useUploadTask((file, onProgress) =>
    applicantApi.uploadEvidence(applicationId, type.key, file, onProgress),
  );
  const uploadButton = useFocusReturn<HTMLButtonElement>(Boolean(uploading));
  const list = useRef<HTMLUListElement>(null);
  /** After a delete: the file gone, and the file whose delete button takes focus (null: the upload button). */
  const [focusAfterDelete, setFocusAfterDelete] = useState<{ deleted: string; next: string | null } | null>(null);

  useEffect(() => {
    if (!focusAfterDelete || files.some((f) => f.id === focusAfterDelete.deleted)) return;
    const next = focusAfterDelete.next;
    const target = next ? list.current?.querySelector<HTMLElement>(`[data-delete-file="${next}"]`) : null;
    (target ?? uploadButton.current)?.focus();
    setFocusAfterDelete(null);
  }, [files, focusAfterDelete, uploadButton]);

  const upload = (file: File) => {
    const tooLarge = tooLargeMessage(type, file);
    setError(tooLarge);
    if (tooLarge) return;
    run(file).then(
      () => onChanged(),
      (failure: Error) => setError(`${file.name}：${failure.message}`),
    );
  };

  const remove = useMutation({
    mutationFn: (file: EvidenceFileView) => applicantApi.deleteEvidence(applicationId, file.id),
    onMutate: (file) => {
      // Focus goes on to the next file's delete button (the previous one's after the last), or to 上传.
      const index = files.findIndex((f) => f.id === file.id);
      const next = files[index + 1] ?? files[index - 1] ?? null;
      setFocusAfterDelete({ deleted: file.id, next: next?.id ?? null });
    },
    onSuccess: (_answer, file) => {
      message.success(`已删除：${file.originalName}`);
      onChanged();
    },
    onError: (failure) => {
      setFocusAfterDelete(null);
      message.error(`删除失败：${failure.message}`);
    },
  });

  const missing = type.required && files.length === 0;
  return (
    <Card
      size="small"
      id={`evidence-${type.key}`}
      className={`evidence-card${missing ? ' evidence-card-missing' : ''}${remarks?.length ? ' evidence-card-remarked' : ''}`}
      data-evidence-type={type.key}
      title={
        <Space size={6}>
          <span>{type.label}</span>
          {type.required ? <Tag color={missing ? 'red' : 'green'}>必需</Tag> : <Tag>可选</Tag>}
        </Space>
      }
      extra={
        editable && (
          <Upload
            accept={acceptAttribute(type.accepts)}
            showUploadList={false}
            multiple
            beforeUpload={(file) => {
              upload(file);
              return false;
            }}
          >
            <Button ref={uploadButton} size="small" icon={<UploadOutlined />} disabled={Boolean(uploading)}>
              上传
            </Button>
          </Upload>
        )
      }
    >
      <Typography.Text type="secondary" className="evidence-accepts">
        格式：{acceptsText(type)}
      </Typography.Text>
      {remarks && remarks.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="evidence-error"
          data-testid="evidence-remark"
          title={remarks.length === 1 ? `市级意见：${remarks[0]}` : '市级意见'}
          description={
            remarks.length > 1 && (
              <ul className="evidence-remarks">
                {remarks.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )
          }
        />
      )}
      {duplicates?.map((warning) => (
        <Alert
          key={warning}
          type="warning"
          showIcon
          className="evidence-error"
          data-testid="evidence-duplicate"
          title={warning}
        />
      ))}
      {uploading && <UploadProgressLine state={uploading} />}
      {error && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setError(null) }}
          title={error}
          className="evidence-error"
        />
      )}
      {files.length > 0 ? (
        <EvidenceFileList
          applicationId={applicationId}
          files={files}
          onDelete={editable ? remove.mutate : undefined}
          listRef={list}
        />
      ) : (
        <Typography.Paragraph type="secondary" className="evidence-empty">
          尚未上传
        </Typography.Paragraph>
      )}
    </Card>
  );
}

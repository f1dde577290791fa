import {
  DeleteOutlined,
  DownloadOutlined,
  EyeOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  LoadingOutlined,
} from '@ant-design/icons';
import { Button, Modal, Popconfirm, Tooltip, Typography } from 'antd';
import { useState, type Ref } from 'react';
import type { EvidenceFileView } from '#contract';
import { evidenceDownloadUrl } from '../../api/endpoints';
import { formatBytes, formatDateTime, shortDigest } from '../common/format';
import { EvidenceFilePreview, previewKindOf } from './EvidenceFilePreview';

function FileIcon({ mediaType }: { mediaType: string }) {
  if (mediaType === 'application/pdf') return <FilePdfOutlined className="file-icon" />;
  if (mediaType.startsWith('image/')) return <FileImageOutlined className="file-icon" />;
  return <FileOutlined className="file-icon" />;
}

function Digest({ name, hex }: { name: string; hex: string | null }) {
  if (hex === null) {
    return (
      <Typography.Text type="secondary" className="digest">
        {name} <LoadingOutlined /> 计算中
      </Typography.Text>
    );
  }
  return (
    <Tooltip title={<span className="mono-wrap">{hex}</span>}>
      <Typography.Text
        type="secondary"
        className="digest"
        copyable={{ text: hex, tooltips: [`复制${name}`, '已复制'] }}
      >
        {name} <span className="mono">{shortDigest(hex)}</span>
      </Typography.Text>
    </Tooltip>
  );
}

interface EvidenceFileListProps {
  applicationId: string;
  files: readonly EvidenceFileView[];
  /** Given only while the application is editable. */
  onDelete?: (file: EvidenceFileView) => void;
  /** The list element, where the card finds a file's delete button (`data-delete-file`) to focus. */
  listRef?: Ref<HTMLUListElement>;
}

/** Uploaded files with their size, time and digests; names link to the download, 预览 shows the file in a dialog. */
export function EvidenceFileList({ applicationId, files, onDelete, listRef }: EvidenceFileListProps) {
  const [previewed, setPreviewed] = useState<EvidenceFileView | null>(null);
  return (
    <>
      <ul className="evidence-files" ref={listRef}>
        {files.map((file) => (
          <li key={file.id} className="evidence-file">
            <FileIcon mediaType={file.mediaType} />
            <div className="evidence-file-body">
              <div className="evidence-file-title">
                <Typography.Link href={evidenceDownloadUrl(applicationId, file.id)} className="evidence-file-name">
                  {file.originalName}
                </Typography.Link>
                <Typography.Text type="secondary">
                  {formatBytes(file.sizeBytes)} · {formatDateTime(file.uploadedAt)}
                </Typography.Text>
              </div>
              <div className="evidence-file-digests">
                <Digest name="SHA-256" hex={file.sha256} />
                <Digest name="SM3" hex={file.sm3} />
              </div>
            </div>
            {previewKindOf(file.mediaType) !== 'none' && (
              <Button
                type="text"
                icon={<EyeOutlined />}
                aria-label={`预览 ${file.originalName}`}
                title="预览"
                onClick={() => setPreviewed(file)}
              />
            )}
            {onDelete && (
              <Popconfirm
                okButtonProps={{ autoFocus: true }}
                title="删除该文件？"
                okText="删除"
                cancelText="取消"
                onConfirm={() => onDelete(file)}
              >
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`删除 ${file.originalName}`}
                  data-delete-file={file.id}
                />
              </Popconfirm>
            )}
          </li>
        ))}
      </ul>
      <Modal
        open={previewed !== null}
        title={previewed ? `预览：${previewed.originalName}` : null}
        width={{ xs: '100%', md: 960 }}
        style={{ top: 24 }}
        className="evidence-preview-modal"
        onCancel={() => setPreviewed(null)}
        destroyOnHidden
        footer={
          previewed && [
            <Button key="download" icon={<DownloadOutlined />} href={evidenceDownloadUrl(applicationId, previewed.id)}>
              下载原件
            </Button>,
            <Button key="close" type="primary" onClick={() => setPreviewed(null)}>
              关闭
            </Button>,
          ]
        }
      >
        {previewed && <EvidenceFilePreview applicationId={applicationId} file={previewed} />}
      </Modal>
    </>
  );
}

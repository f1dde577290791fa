import { DeleteOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Tooltip, Typography } from 'antd';
import type { EvidenceFileView } from '#contract';
import { evidenceDownloadUrl } from '../../api/endpoints';
import { formatBytes, formatDateTime, shortDigest } from '../common/format';

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
}

/** Uploaded files with their size, time and digests; names link to the download. */
export function EvidenceFileList({ applicationId, files, onDelete }: EvidenceFileListProps) {
  return (
    <ul className="evidence-files">
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
          {onDelete && (
            <Popconfirm
              okButtonProps={{ autoFocus: true }}
              title="删除该文件？"
              okText="删除"
              cancelText="取消"
              onConfirm={() => onDelete(file)}
            >
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除 ${file.originalName}`} />
            </Popconfirm>
          )}
        </li>
      ))}
    </ul>
  );
}

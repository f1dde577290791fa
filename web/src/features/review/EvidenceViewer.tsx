import { DownloadOutlined, ExportOutlined, FileSearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Typography } from 'antd';
import type { EvidenceFileView } from '#contract';
import { evidenceDownloadUrl, evidenceInlineUrl } from '../../api/endpoints';
import { formatBytes } from '../common/format';
import { EvidenceFilePreview } from '../evidence/EvidenceFilePreview';

interface EvidenceViewerProps {
  applicationId: string;
  file: EvidenceFileView | null;
  /** What the file is evidence of, e.g. 上年度审计报告或资产负债表. */
  caption: string | null;
}

/** The evidence beside the item being checked: PDF and images in place, Word, Excel and OFD as the server's preview. */
export function EvidenceViewer({ applicationId, file, caption }: EvidenceViewerProps) {
  if (!file) {
    return (
      <Card size="small" className="evidence-viewer">
        <Empty
          image={<FileSearchOutlined className="viewer-empty-icon" />}
          description="点击左侧审核项的“查看材料”，在此对照原件"
        />
      </Card>
    );
  }
  const url = evidenceInlineUrl(applicationId, file.id);
  return (
    <Card
      size="small"
      className="evidence-viewer"
      data-file-id={file.id}
      title={
        <div className="viewer-title">
          <Typography.Text strong ellipsis className="viewer-file-name">
            {file.originalName}
          </Typography.Text>
          <Typography.Text type="secondary" className="viewer-caption">
            {caption ? `${caption} · ` : ''}
            {formatBytes(file.sizeBytes)}
          </Typography.Text>
        </div>
      }
      extra={
        <Space size={4}>
          <Button size="small" type="text" icon={<ExportOutlined />} href={url} target="_blank" rel="noopener">
            新窗口
          </Button>
          <Button
            size="small"
            type="text"
            icon={<DownloadOutlined />}
            href={evidenceDownloadUrl(applicationId, file.id)}
          >
            下载
          </Button>
        </Space>
      }
    >
      <EvidenceFilePreview applicationId={applicationId} file={file} />
    </Card>
  );
}

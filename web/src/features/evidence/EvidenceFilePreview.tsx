import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Spin } from 'antd';
import type { EvidenceFileView } from '#contract';
import { evidenceDownloadUrl, evidenceInlineUrl } from '../../api/endpoints';
import { queries } from '../../app/queries';
import { DocxPreviewView } from './DocxPreviewView';
import { OfdPreviewView } from './OfdPreviewView';
import { XlsxPreviewView } from './XlsxPreviewView';
import './evidence-preview.css';

type PreviewKind = 'pdf' | 'image' | 'structured' | 'none';

const structuredTypes = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/ofd',
]);

/** How a file is shown in the page: PDF and images as they are, Word, Excel and OFD through the server's preview. */
export function previewKindOf(mediaType: string): PreviewKind {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'image/png' || mediaType === 'image/jpeg') return 'image';
  if (structuredTypes.has(mediaType)) return 'structured';
  return 'none';
}

interface EvidenceFilePreviewProps {
  applicationId: string;
  file: EvidenceFileView;
}

function StructuredPreview({ applicationId, file }: EvidenceFilePreviewProps) {
  const preview = useQuery(queries.evidencePreview(applicationId, file.id));
  if (preview.isPending) {
    return (
      <div className="preview-loading" role="status">
        <Spin /> 正在生成预览…
      </div>
    );
  }
  if (preview.isError) {
    return (
      <Alert
        type="warning"
        showIcon
        title="无法在页面中预览该文件"
        description={preview.error.message}
        action={
          <Button size="small" href={evidenceDownloadUrl(applicationId, file.id)} icon={<DownloadOutlined />}>
            下载
          </Button>
        }
      />
    );
  }
  const data = preview.data;
  return (
    <div className="structured-preview" aria-label={`预览：${file.originalName}`} role="region">
      {data.kind === 'docx' && <DocxPreviewView preview={data} />}
      {data.kind === 'xlsx' && <XlsxPreviewView preview={data} />}
      {data.kind === 'ofd' && <OfdPreviewView preview={data} />}
    </div>
  );
}

/** One evidence file shown in the page, whatever its kind; loading and failures said in words. */
export function EvidenceFilePreview({ applicationId, file }: EvidenceFilePreviewProps) {
  const kind = previewKindOf(file.mediaType);
  const url = evidenceInlineUrl(applicationId, file.id);
  if (kind === 'pdf')
    return <iframe key={file.id} className="viewer-frame" src={url} title={`证明材料：${file.originalName}`} />;
  if (kind === 'image') {
    return (
      <div className="viewer-image-box">
        <img key={file.id} className="viewer-image" src={url} alt={`证明材料：${file.originalName}`} />
      </div>
    );
  }
  if (kind === 'structured') return <StructuredPreview key={file.id} applicationId={applicationId} file={file} />;
  return (
    <Alert
      type="info"
      showIcon
      title="该格式不能在浏览器中预览"
      description="请下载后用相应软件打开。"
      action={
        <Button size="small" href={evidenceDownloadUrl(applicationId, file.id)} icon={<DownloadOutlined />}>
          下载
        </Button>
      }
    />
  );
}

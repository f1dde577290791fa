import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Spin } from 'antd';
import type { BlindDocument } from '#contract';
import { expertApi, expertReviewKeys } from '../../api/expert-review-api';
import { DocxPreviewView } from '../evidence/DocxPreviewView';
import { OfdPreviewView } from '../evidence/OfdPreviewView';
import { XlsxPreviewView } from '../evidence/XlsxPreviewView';
import '../evidence/evidence-preview.css';

interface ExpertDocumentPreviewProps {
  roundId: string;
  label: string;
  /** The document shown; null: the dialog is closed. */
  document: BlindDocument | null;
  onClose: () => void;
}

function PreviewBody({ roundId, label, document }: { roundId: string; label: string; document: BlindDocument }) {
  const preview = useQuery({
    queryKey: [...expertReviewKeys.material(roundId, label), 'preview', document.number],
    queryFn: ({ signal }) => expertApi.documentPreview(roundId, label, document.number, signal),
    retry: false,
    staleTime: Infinity,
  });
  const download = expertApi.documentUrl(roundId, label, document.number, false);
  if (preview.isPending)
    return (
      <div className="preview-loading" role="status">
        <Spin /> 正在生成预览…
      </div>
    );
  if (preview.isError)
    return (
      <Alert
        type="warning"
        showIcon
        title="无法在页面中预览该文件"
        description={preview.error.message}
        action={
          <Button size="small" href={download} icon={<DownloadOutlined />}>
            下载
          </Button>
        }
      />
    );
  const data = preview.data;
  return (
    <div className="structured-preview" aria-label={`预览：${document.name}`} role="region">
      {data.kind === 'docx' && <DocxPreviewView preview={data} />}
      {data.kind === 'xlsx' && <XlsxPreviewView preview={data} />}
      {data.kind === 'ofd' && <OfdPreviewView preview={data} />}
    </div>
  );
}

/** A Word, Excel or OFD document of the blind material shown in a dialog through the server's preview. */
export function ExpertDocumentPreview({ roundId, label, document, onClose }: ExpertDocumentPreviewProps) {
  return (
    <Modal
      open={document !== null}
      onCancel={onClose}
      title={document ? `预览：${document.name}` : '预览'}
      width="min(960px, calc(100vw - 32px))"
      className="expert-document-preview"
      destroyOnHidden
      footer={
        document && (
          <Button href={expertApi.documentUrl(roundId, label, document.number, false)} icon={<DownloadOutlined />}>
            下载原文件
          </Button>
        )
      }
    >
      {document?.namesUnit && (
        <Alert
          type="warning"
          showIcon
          className="pdf-notice"
          title="该文件内容含单位名称，无法自动隐去，请评审时不考虑单位身份"
        />
      )}
      {document && <PreviewBody roundId={roundId} label={label} document={document} />}
    </Modal>
  );
}

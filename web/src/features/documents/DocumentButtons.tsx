import { EyeOutlined, FileExcelOutlined, FilePdfOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { applicationDossierUrl } from '../../api/applications-api';

export interface DocumentLinks {
  /** The PDF, shown in the preview and printed from it. */
  pdf: string;
  docx?: string;
  xlsx?: string;
}

interface DocumentButtonsProps {
  /** The document's name as the notice calls it, e.g. 附件2 汇总表. */
  name: string;
  links: DocumentLinks;
  size?: 'small' | 'middle';
}

const inline = (url: string) => `${url}${url.includes('?') ? '&' : '?'}inline=1`;

/**
 * One generated document where officials work: 预览/打印 opens the PDF in place (the print dialog of the
 * browser's PDF viewer opens with two copies, 一式两份, at actual size), beside its Word or Excel and
 * PDF downloads.
 */
export function DocumentButtons({ name, links, size = 'small' }: DocumentButtonsProps) {
  const [open, setOpen] = useState(false);
  return (
    <Space size={4} wrap className="document-buttons" data-document={name}>
      <Typography.Text type="secondary">{name}：</Typography.Text>
      <Button size={size} icon={<EyeOutlined />} onClick={() => setOpen(true)} aria-label={`预览/打印${name}`}>
        预览/打印
      </Button>
      {links.docx && (
        <Button size={size} icon={<FileWordOutlined />} href={links.docx} aria-label={`下载${name} Word`}>
          Word
        </Button>
      )}
      {links.xlsx && (
        <Button size={size} icon={<FileExcelOutlined />} href={links.xlsx} aria-label={`下载${name} Excel`}>
          Excel
        </Button>
      )}
      <Button size={size} icon={<FilePdfOutlined />} href={links.pdf} aria-label={`下载${name} PDF`}>
        PDF
      </Button>
      <Modal
        open={open}
        title={`${name}（预览）`}
        width="min(1100px, 96vw)"
        centered
        destroyOnHidden
        onCancel={() => setOpen(false)}
        footer={
          <Space>
            <Button icon={<FilePdfOutlined />} href={links.pdf}>
              下载 PDF
            </Button>
            <Button type="primary" icon={<PrinterOutlined />} href={inline(links.pdf)} target="_blank" rel="noopener">
              新窗口打开并打印
            </Button>
          </Space>
        }
      >
        <Alert
          type="info"
          showIcon
          className="document-print-hint"
          title="纸质材料须一式两份报送：打印时份数已默认为 2 份、按实际大小（不缩放）打印，请勿改为“适合页面”。"
        />
        <iframe className="document-frame" src={inline(links.pdf)} title={`${name}预览`} />
      </Modal>
    </Space>
  );
}

/** 申报书 of an application where officials review it: the submitted version the unit prints, seals and signs. */
export function ApplicationDossierButtons({ applicationId }: { applicationId: string }) {
  return (
    <DocumentButtons
      name="申报书"
      links={{ pdf: applicationDossierUrl(applicationId, 'pdf'), docx: applicationDossierUrl(applicationId, 'docx') }}
    />
  );
}

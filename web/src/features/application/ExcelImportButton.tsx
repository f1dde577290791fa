import { FileExcelOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import type { ReactNode } from 'react';

interface ExcelImportButtonProps {
  busy: boolean;
  primary?: boolean;
  /** The button's text. */
  children: ReactNode;
  /** The picked workbook; nothing is uploaded by the picker itself. */
  onFile: (file: File) => void;
}

/** Picks a filled-in template (.xlsx) to import. */
export function ExcelImportButton({ busy, primary = false, children, onFile }: ExcelImportButtonProps) {
  return (
    <Upload
      accept=".xlsx"
      showUploadList={false}
      beforeUpload={(file) => {
        onFile(file);
        return false;
      }}
    >
      <Button type={primary ? 'primary' : undefined} icon={<FileExcelOutlined />} loading={busy}>
        {children}
      </Button>
    </Upload>
  );
}

import { FileExcelOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import type { ReactNode } from 'react';
import { useFocusReturn } from '../common/useFocusReturn';

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
  const button = useFocusReturn<HTMLButtonElement>(busy);
  return (
    <Upload
      accept=".xlsx"
      showUploadList={false}
      beforeUpload={(file) => {
        onFile(file);
        return false;
      }}
    >
      <Button ref={button} type={primary ? 'primary' : undefined} icon={<FileExcelOutlined />} loading={busy}>
        {children}
      </Button>
    </Upload>
  );
}

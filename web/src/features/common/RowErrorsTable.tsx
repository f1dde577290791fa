import { Alert, Table } from 'antd';
import type { RowError } from '#contract';
import { fieldName } from './formErrors';

/** An Excel import that was refused: one line per bad cell, with the spreadsheet row number. */
export function RowErrorsTable({ message, rowErrors }: { message: string; rowErrors: RowError[] }) {
  return (
    <Alert
      type="error"
      showIcon
      title={`${message}（共 ${rowErrors.length} 处错误，请修改 Excel 后重新导入）`}
      description={
        <Table<RowError>
          className="row-errors"
          size="small"
          rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
          dataSource={rowErrors}
          pagination={rowErrors.length > 10 ? { pageSize: 10, size: 'small' } : false}
          columns={[
            {
              title: 'Excel 行号',
              dataIndex: 'row',
              width: 100,
              render: (row: number) => (row > 0 ? row : '整个文件'),
            },
            { title: '列', dataIndex: 'field', width: 160, render: (field: string) => fieldName(field) },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      }
    />
  );
}

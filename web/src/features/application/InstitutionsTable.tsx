import { DeleteOutlined } from '@ant-design/icons';
import { Button, Input, Table, Typography } from 'antd';
import { institutionInputSchema, type EvidenceFileView, type FieldError } from '#contract';
import { maxLengthOf } from '../common/schemaRules';
import { AgreementCell, type AgreementType } from './AgreementCell';

export interface InstitutionRow {
  key: string;
  name: string;
  uscc: string;
  agreementFileId: string | null;
}

/** `institutions.2.uscc` (or `institutions[2].uscc`) → row 2, column uscc. */
export function cellOf(field: string): { index: number; column: string } | null {
  const match = /(\d+)\]?\.(\w+)$/.exec(field);
  return match ? { index: Number(match[1]), column: match[2]! } : null;
}

function cellError(problems: readonly FieldError[], index: number, column: string): string | undefined {
  return problems.find((p) => {
    const cell = cellOf(p.field);
    return cell?.index === index && cell.column === column;
  })?.message;
}

interface InstitutionsTableProps {
  applicationId: string;
  rows: InstitutionRow[];
  /** Per-cell problems, addressed as `institutions.<index>.<column>`. */
  problems: readonly FieldError[];
  evidence: readonly EvidenceFileView[];
  agreementType: AgreementType;
  /** The element that states the code's format rule, read out with every code cell. */
  usccHelpId: string;
  /** The row just added with 添加机构: its name field takes focus when it appears. */
  addedRowKey: string | null;
  editable: boolean;
  onEdit: (key: string, change: Partial<InstitutionRow>) => void;
  onRemove: (key: string) => void;
  onAgreementUploaded: (key: string, file: EvidenceFileView) => void;
}

/** The institutions as an editable table: name, code, and the agreement file of each. */
export function InstitutionsTable(props: InstitutionsTableProps) {
  const {
    applicationId,
    rows,
    problems,
    evidence,
    agreementType,
    usccHelpId,
    addedRowKey,
    editable,
    onEdit,
    onRemove,
    onAgreementUploaded,
  } = props;
  return (
    <Table<InstitutionRow>
      className="institutions-table"
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 800 }}
      locale={{ emptyText: '尚未填写集聚服务机构' }}
      columns={[
        { title: '序号', width: 60, render: (_value, _row, index) => index + 1 },
        {
          title: '机构名称',
          render: (_value, row, index) => (
            <Input
              value={row.name}
              autoFocus={row.key === addedRowKey}
              disabled={!editable}
              status={cellError(problems, index, 'name') ? 'error' : undefined}
              placeholder="机构全称"
              aria-label={`第${index + 1}家机构名称`}
              onChange={(e) => onEdit(row.key, { name: e.target.value })}
            />
          ),
        },
        {
          title: '统一社会信用代码',
          width: 230,
          render: (_value, row, index) => {
            const error = cellError(problems, index, 'uscc');
            const errorId = `${usccHelpId}-error-${index}`;
            return (
              <>
                <Input
                  value={row.uscc}
                  disabled={!editable}
                  status={error ? 'error' : undefined}
                  maxLength={maxLengthOf(institutionInputSchema.shape.uscc)}
                  className="mono"
                  aria-label={`第${index + 1}家机构统一社会信用代码`}
                  aria-describedby={error ? `${errorId} ${usccHelpId}` : usccHelpId}
                  onChange={(e) => onEdit(row.key, { uscc: e.target.value.toUpperCase() })}
                />
                {error && (
                  <Typography.Text type="danger" className="cell-error" id={errorId}>
                    {error}
                  </Typography.Text>
                )}
              </>
            );
          },
        },
        {
          title: '合作协议',
          width: 240,
          render: (_value, row) => (
            <AgreementCell
              applicationId={applicationId}
              file={evidence.find((e) => e.id === row.agreementFileId)}
              type={agreementType}
              editable={editable}
              onUploaded={(file) => onAgreementUploaded(row.key, file)}
            />
          ),
        },
        ...(editable
          ? [
              {
                title: '操作',
                width: 70,
                render: (_value: unknown, row: InstitutionRow) => (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label="删除该机构"
                    onClick={() => onRemove(row.key)}
                  />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

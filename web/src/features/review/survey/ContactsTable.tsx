import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Tooltip } from 'antd';
import type { SurveyContactView } from '#contract';
import { formatDateTime } from '../../common/format';
import { mono } from '../../common/mono';
import { OutcomeCell } from './OutcomeCell';

interface ContactsTableProps {
  contacts: SurveyContactView[];
  editable: boolean;
  /** Full phones disclosed so far, by roster row. */
  disclosed: ReadonlyMap<number, string>;
  /** The row whose phone is being disclosed. */
  disclosing: number | null;
  onDisclose: (rosterRowNo: number) => void;
  onRecord: (contact: SurveyContactView) => void;
}

/** The drawn enterprises in draw order: the roster's contact (phone masked until disclosed) and the outcome. */
export function ContactsTable({ contacts, editable, disclosed, disclosing, onDisclose, onRecord }: ContactsTableProps) {
  return (
    <Table<SurveyContactView>
      className="survey-contacts"
      size="small"
      rowKey="rosterRowNo"
      dataSource={contacts}
      pagination={false}
      scroll={{ x: 1100 }}
      rowClassName={(c) => `survey-contact-${c.outcome}`}
      columns={[
        { title: '顺序', dataIndex: 'drawPosition', width: 60 },
        { title: '名单行号', dataIndex: 'rosterRowNo', width: 80 },
        { title: '抽样企业名称', dataIndex: 'enterpriseName', width: 230 },
        { title: '名单联系人', dataIndex: 'rosterContactName', width: 100 },
        {
          title: '名单电话',
          dataIndex: 'rosterPhone',
          width: 200,
          render: (masked: string, c) => {
            const full = disclosed.get(c.rosterRowNo);
            if (full) {
              return (
                <Space size={4}>
                  <span className="mono" data-testid="disclosed-phone">
                    {full}
                  </span>
                  <Tag color="gold">已记录查看</Tag>
                </Space>
              );
            }
            return (
              <Space size={4}>
                {mono(masked)}
                {editable && (
                  <Tooltip title="查看完整电话（记入审计日志）">
                    <Button
                      size="small"
                      type="link"
                      icon={<EyeOutlined />}
                      loading={disclosing === c.rosterRowNo}
                      onClick={() => onDisclose(c.rosterRowNo)}
                      aria-label={`查看完整电话：${c.enterpriseName}`}
                      className="disclose-button"
                    >
                      查看
                    </Button>
                  </Tooltip>
                )}
              </Space>
            );
          },
        },
        { title: '测评结果', key: 'outcome', render: (_v, c) => <OutcomeCell contact={c} /> },
        {
          title: '记录时间',
          dataIndex: 'recordedAt',
          width: 150,
          render: (t: string | null) => (t ? formatDateTime(t) : '—'),
        },
        ...(editable
          ? [
              {
                title: '',
                key: 'action',
                width: 90,
                fixed: 'right' as const,
                render: (_v: unknown, c: SurveyContactView) =>
                  c.outcome === 'unreachable' ? null : (
                    <Button
                      size="small"
                      type={c.outcome === 'pending' ? 'primary' : 'default'}
                      icon={<EditOutlined />}
                      onClick={() => onRecord(c)}
                      aria-label={`${c.outcome === 'pending' ? '记录' : '修改'}：${c.enterpriseName}`}
                    >
                      {c.outcome === 'pending' ? '记录' : '修改'}
                    </Button>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { AuditBreak, AuditLogEntry, AuditVerification } from '#contract';
import type { AuditFilterValues } from '../api/endpoints';
import { queries } from '../app/queries';
import { failureOf } from '../features/common/failureOf';
import { formatDeadline } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { mono } from '../features/common/mono';

/** What the address keeps of the log: its filters and the page (a changed filter goes back to page 1). */
const FILTER_KEYS = ['action', 'actor', 'targetId', 'from', 'to', 'page'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const actionLabels: Record<string, string> = {
  'login.success': '登录',
  'login.failure': '登录失败',
  'login.password_accepted': '登录（密码正确，待动态口令）',
  'totp.enrolment_started': '开始绑定动态口令',
  'totp.enabled': '启用动态口令',
  'totp.recovery_codes_replaced': '重新生成恢复码',
  'totp.reset': '重置动态口令',
  'account.unlock': '解除登录锁定',
  'unit.register_refused': '注册被拒（单位或用户名已注册）',
  logout: '退出登录',
  'session.end': '结束登录设备',
  'session.end_others': '结束其他登录设备',
  'unit.register': '单位注册',
  'admin.create': '命令行创建管理员',
  'account.create': '创建账号',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.reset_password': '重置密码',
  'account.password_change': '修改密码',
  'account.password_change_refused': '修改密码被拒（当前密码错误）',
  'applicant_account.reset_password': '重置申报单位密码',
  'applicant_account.transfer': '移交申报单位账号',
  'authority.require_totp': '设置动态口令要求',
  'application.submit': '提交申报',
  'application.copy': '以往年申报为基础新建申报',
  'application.return': '退回修改',
  'application.reject': '不予推荐',
  'application.recommend': '推荐',
  'application.withdraw': '撤回推荐',
  'evidence.upload': '上传证明材料',
  'evidence.delete': '删除证明材料',
  'evidence.reuse': '沿用往年证明材料',
  'evidence.download': '下载证明材料',
  'evidence.preview': '在线预览证明材料',
  'evidence.digest_corrected': '更正文件摘要',
  'evidence.integrity_failed': '文件完整性校验未通过',
  'evidence.integrity_restored': '文件完整性恢复',
  'files.sweep': '清理无引用的文件',
  'access.denied': '拒绝访问',
  'application.draft_save': '保存草稿',
  'roster.import': '导入服务企业名单',
  'institutions.import': '导入集聚服务机构',
  'institutions.replace': '保存集聚服务机构名单',
  'document.download': '下载文书',
  'personal_data.disclose': '查看完整个人信息',
  'personal_data.encrypt': '加密明文存储的个人信息',
  'personal_data.rekey': '用新密钥重新加密个人信息',
  'personal_data.keys': '个人信息加密密钥变更',
  'review.finding': '审核意见',
  'review.site_check': '现场核查',
  'review.site_check_scan': '上传现场核查扫描件',
  'review.interview': '面谈',
  'review.survey_draw': '抽取测评企业',
  'review.survey_methods': '测评方式',
  'review.survey_contact': '测评记录',
  'review.opinion': '推荐意见',
  'package.submit': '报送推荐材料',
  'package.submit_refused': '逾期报送被拒',
  'package.return': '退回推荐材料',
  'package.exception': '特批延期报送',
};

const targetLabels: Record<string, string> = {
  application: '申报',
  package: '推荐材料',
  unit: '运营单位',
  user: '用户',
  batch: '批次',
  route: '接口',
  authority: '主管部门',
};

/** 第 12 条（记录 …）：内容被修改 */
function describeBreak(b: AuditBreak): string {
  const where = b.seq === null ? '一条没有序号的记录' : `第 ${b.seq} 条`;
  return `${where}${b.id ? `（记录 ${b.id}）` : ''}：${b.reason}`;
}

/** The integrity line: how far the chain checks, green when whole, red naming the first broken entry. */
function IntegrityLine({
  verification,
  error,
  checking,
  onCheck,
}: {
  verification: AuditVerification | null;
  error: Error | null;
  checking: boolean;
  onCheck: () => void;
}) {
  const again = (
    <Button size="small" icon={<ReloadOutlined />} loading={checking} onClick={onCheck}>
      重新校验
    </Button>
  );
  if (error)
    return (
      <Alert
        type="warning"
        showIcon
        className="form-alert"
        title={`审计日志完整性：校验失败（${error.message}）`}
        action={again}
      />
    );
  if (!verification)
    return (
      <Alert
        type="info"
        showIcon
        className="form-alert"
        title="审计日志完整性：正在校验…"
        icon={<Spin size="small" />}
      />
    );
  const checkedAt = `校验时间：${formatDeadline(verification.checkedAt)}（北京时间）`;
  return (
    <Alert
      type={verification.ok ? 'success' : 'error'}
      showIcon
      className="form-alert"
      title={
        <Space wrap>
          <span>{`审计日志完整性：已校验至第 ${verification.verifiedThrough} 条`}</span>
          <Tag color={verification.ok ? 'success' : 'error'}>{verification.ok ? '完整' : '已被篡改'}</Tag>
        </Space>
      }
      description={
        verification.ok ? (
          `每条记录的哈希（SM3）都与前一条相连，链尾与最新记录一致。${checkedAt}`
        ) : (
          <>
            <div>{`首个异常：${describeBreak(verification.brokenAt)}`}</div>
            <div>{`${verification.verifiedThrough > 0 ? `第 ${verification.verifiedThrough} 条之后的记录` : '全部记录'}不可信，请保全数据库文件并核查。${checkedAt}`}</div>
          </>
        )
      }
      action={again}
    />
  );
}

const actionOptions = [
  { value: '', label: '全部操作' },
  ...Object.entries(actionLabels).map(([value, label]) => ({ value, label: `${label}（${value}）` })),
];

/** The province's audit log, paged and filtered on the server, below the check of the whole hash chain. */
export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(
    () => Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Required<AuditFilterValues>,
    [params],
  );
  const setFilters = useCallback(
    (changes: Partial<Record<FilterKey, string>>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const entries = useQuery({ ...queries.auditEntries(filters), placeholderData: keepPreviousData });
  const verification = useQuery(queries.auditVerification());
  const listFailure = failureOf(entries);

  const brokenId = verification.data && !verification.data.ok ? verification.data.brokenAt.id : null;
  return (
    <div className="audit-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          审计日志
        </Typography.Title>
        <Typography.Text type="secondary">
          登录、状态变更、下载和个人信息查看均记入日志；每条记录以哈希与前一条相连，任何改动、删除或插入都会被发现。
        </Typography.Text>
      </div>
      <IntegrityLine
        verification={verification.data ?? null}
        error={verification.error}
        checking={verification.isFetching}
        onCheck={() => void verification.refetch()}
      />
      {listFailure ? (
        <LoadFailure {...listFailure} />
      ) : (
        <Card
          size="small"
          title="日志记录（最新在前）"
          className="form-card"
          extra={
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void entries.refetch()}>
              刷新
            </Button>
          }
        >
          <Space wrap className="table-filters">
            <Select
              value={filters.action}
              onChange={(v: string) => setFilters({ action: v })}
              options={actionOptions}
              className="filter-select"
              style={{ width: 260 }}
              aria-label="操作筛选"
              showSearch={{ optionFilterProp: 'label' }}
            />
            <Input.Search
              allowClear
              defaultValue={filters.actor}
              placeholder="操作人（用户名）"
              style={{ width: 200 }}
              onSearch={(v) => setFilters({ actor: v.trim() })}
              aria-label="操作人"
            />
            <Input.Search
              allowClear
              defaultValue={filters.targetId}
              placeholder="对象编号"
              className="search-input"
              onSearch={(v) => setFilters({ targetId: v.trim() })}
              aria-label="对象编号"
            />
            <DatePicker.RangePicker
              value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
              onChange={(range) =>
                setFilters({ from: range?.[0]?.format('YYYY-MM-DD') ?? '', to: range?.[1]?.format('YYYY-MM-DD') ?? '' })
              }
              placeholder={['开始日期', '结束日期']}
              aria-label="日期范围（北京时间）"
            />
            <Typography.Text type="secondary" data-testid="audit-count">
              {entries.data?.total ?? 0} 条
            </Typography.Text>
          </Space>
          <Table<AuditLogEntry>
            size="small"
            rowKey="id"
            className="audit-table"
            loading={!entries.data || entries.isPlaceholderData}
            dataSource={entries.data?.items ?? []}
            pagination={
              entries.data && {
                current: entries.data.page,
                pageSize: entries.data.pageSize,
                total: entries.data.total,
                showSizeChanger: false,
                showTotal: (total) => `共 ${total} 条记录`,
                onChange: (page) => setFilters({ page: page > 1 ? String(page) : '' }),
              }
            }
            scroll={{ x: 1260 }}
            columns={[
              {
                title: '序号',
                dataIndex: 'seq',
                width: 90,
                render: (seq: number, e) => (
                  <Space size={4}>
                    {mono(String(seq))}
                    {e.id === brokenId && <Tag color="error">异常</Tag>}
                  </Space>
                ),
              },
              { title: '时间（北京时间）', dataIndex: 'at', width: 190, render: (at: string) => formatDeadline(at) },
              { title: '操作人', dataIndex: 'actorName', width: 120, render: (name: string | null) => name ?? '—' },
              { title: 'IP', dataIndex: 'ip', width: 130, render: (ip: string | null) => (ip ? mono(ip) : '—') },
              {
                title: '操作',
                dataIndex: 'action',
                width: 170,
                render: (action: string) => (
                  <Space orientation="vertical" size={0}>
                    <span>{actionLabels[action] ?? action}</span>
                    <Typography.Text type="secondary" className="mono">
                      {action}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: '对象',
                key: 'target',
                width: 200,
                render: (_v, e) =>
                  e.targetType ? (
                    <span>
                      {targetLabels[e.targetType] ?? e.targetType}
                      {e.targetId && <span className="mono-wrap"> {e.targetId}</span>}
                    </span>
                  ) : (
                    '—'
                  ),
              },
              {
                title: '详情',
                dataIndex: 'detail',
                width: 360,
                render: (detail: unknown) =>
                  detail === null ? '—' : <span className="mono-wrap">{JSON.stringify(detail)}</span>,
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}

import { ArrowLeftOutlined, ClockCircleOutlined, EditOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, ConfigProvider, Form, Input, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { batchStatuses, type AdminBatchView, type FieldError } from '#contract';
import { batchAdminApi } from '../api/admin-batches-api';
import { ApiError } from '../api/client';
import { queries, queryKeys } from '../app/queries';
import { BatchConfigSections } from '../features/batches/BatchConfigSections';
import {
  configOf,
  formValuesOf,
  placeFieldErrors,
  type BatchFormValues,
  type NamePath,
} from '../features/batches/batchForm';
import { ExtendDeadlinesDialog } from '../features/batches/ExtendDeadlinesDialog';
import { failureOf } from '../features/common/failureOf';
import { formatDateTime, formatDeadline } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { readOnlyTheme } from '../features/common/readOnlyTheme';
import { RefusalAlert } from '../features/common/RefusalAlert';
import { refusalOf, type Refusal } from '../features/common/refusal';
import { useReferenceData } from '../features/reference/useReferenceData';

/** What the last save, publication or correction was refused with. */
type Problem =
  | { kind: 'fields'; message: string; unplaced: FieldError[] }
  | { kind: 'changed' }
  | { kind: 'refusal'; refusal: Refusal };

const CHANGE_KINDS = { deadline: '延长截止时间', wording: '更正文字' } as const;

/** The batch's changes after publication, as every user of the batch sees them. */
function ChangeList({ batch }: { batch: AdminBatchView }) {
  if (batch.status !== 'published') return null;
  return (
    <Card size="small" className="form-card" title={`发布后的修改（${batch.config.changes.length}）`}>
      {batch.config.changes.length === 0 ? (
        <Typography.Text type="secondary">发布后未作修改。</Typography.Text>
      ) : (
        <ul className="batch-changes">
          {batch.config.changes.map((change) => (
            <li key={`${change.at}-${change.kind}`}>
              <Typography.Text type="secondary">{formatDateTime(change.at)}</Typography.Text>{' '}
              <Tag color={change.kind === 'deadline' ? 'blue' : 'purple'}>{CHANGE_KINDS[change.kind]}</Tag>
              {change.summary}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/**
 * One batch (申报批次): its whole configuration, edited and published while in preparation; once published,
 * read-only except a deadline extension and a correction of wording, both audited and listed.
 */
export function BatchEditorPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const batchQuery = useQuery(queries.adminBatch(id));
  const referenceQuery = useReferenceData();
  const [form] = Form.useForm();
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [summary, setSummary] = useState('');
  const [extending, setExtending] = useState(false);
  const version = batchQuery.data?.version;
  // Each answer raises the version: the form starts again from the batch as the server now holds it.
  useEffect(() => form.resetFields(), [form, version]);

  const loadFailure = failureOf(batchQuery, referenceQuery);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  const batch = batchQuery.data;
  const reference = referenceQuery.data?.reference;
  if (!batch || !reference) return <Spin size="large" className="page-spin" description="正在加载批次…" />;

  const preparation = batch.status === 'preparation';

  /** An answer replaces the batch: the form starts again from it, and the lists are asked again. */
  const answered = (next: AdminBatchView) => {
    queryClient.setQueryData(queries.adminBatch(next.id).queryKey, next);
    // The list shows the answer at once (not its stale copy until its refetch lands), then is asked again.
    queryClient.setQueryData(queries.adminBatches().queryKey, (list) =>
      list?.map((b) => (b.id === next.id ? next : b)),
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.adminBatches, exact: true });
    void queryClient.invalidateQueries({ queryKey: queryKeys.reference });
    setDirty(false);
    setProblem(null);
    setCorrecting(false);
    setSummary('');
  };

  /** Runs an action; field errors go to their fields, the rest to the summary at the top. */
  const act = async (action: () => Promise<AdminBatchView>, success: string, values?: BatchFormValues) => {
    setBusy(true);
    setProblem(null);
    try {
      answered(await action());
      message.success(success);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BATCH_CHANGED') {
        setProblem({ kind: 'changed' });
      } else if (error instanceof ApiError && values && (error.body.errors?.length ?? 0) > 0) {
        const registered = form.getFieldsError().map((f) => f.name as NamePath);
        const { atFields, unplaced } = placeFieldErrors(error.body.errors ?? [], values, registered);
        form.setFields(atFields);
        setProblem({ kind: 'fields', message: error.message, unplaced });
        if (atFields[0]) form.scrollToField(atFields[0].name, { block: 'center' });
      } else {
        setProblem({ kind: 'refusal', refusal: refusalOf(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  const currentValues = () => form.getFieldsValue(true) as BatchFormValues;
  const save = () => {
    const values = currentValues();
    void act(
      () =>
        batchAdminApi.update(batch.id, {
          version: batch.version,
          label: values.label,
          config: configOf(batch, values),
        }),
      '批次配置已保存',
      values,
    );
  };
  const correct = () => {
    const values = currentValues();
    void act(
      () =>
        batchAdminApi.correctWording(batch.id, {
          version: batch.version,
          label: values.label,
          config: configOf(batch, values),
          summary,
        }),
      '文字已更正',
      values,
    );
  };
  const publish = () => void act(() => batchAdminApi.publish(batch.id, batch.version), '批次已发布');
  const reload = () => {
    setProblem(null);
    setDirty(false);
    void batchQuery.refetch().then(() => form.resetFields());
  };
  const cancelCorrection = () => {
    form.resetFields();
    setCorrecting(false);
    setDirty(false);
    setProblem(null);
  };

  return (
    <div className="batch-editor-page">
      <div className="page-heading">
        <Link to="/admin/batches">
          <ArrowLeftOutlined /> 全部批次
        </Link>
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          {batch.label}{' '}
          <Tag color={preparation ? 'volcano' : 'success'} data-testid="batch-status">
            {batchStatuses[batch.status]}
          </Tag>
        </Typography.Title>
        <Typography.Text type="secondary">
          {preparation
            ? '筹备中：只有系统管理员可见。核定全部配置并保存后发布。'
            : `已于 ${formatDateTime(batch.publishedAt)} 发布。${
                batch.config.applicationDeadline
                  ? `申报截止 ${formatDeadline(batch.config.applicationDeadline)}，市级报送截止`
                  : '申报与市级报送截止'
              } ${formatDeadline(batch.config.cityDeadline)}（北京时间）。`}
        </Typography.Text>
      </div>

      {problem?.kind === 'changed' && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title="该批次已被他人修改，请刷新后重试"
          description="刷新将载入最新配置，本页未保存的修改会丢失。"
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
          }
        />
      )}
      {problem?.kind === 'fields' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="refusal-alert"
          data-testid="batch-errors"
          title={problem.unplaced.length > 0 ? problem.message : `${problem.message}（见标红的字段）`}
          description={
            problem.unplaced.length > 0 && (
              <ul className="batch-error-list">
                {problem.unplaced.map((p) => (
                  <li key={`${p.field}-${p.message}`}>{p.message}</li>
                ))}
              </ul>
            )
          }
        />
      )}
      {problem?.kind === 'refusal' && <RefusalAlert refusal={problem.refusal} onClose={() => setProblem(null)} />}

      <Card size="small" className="form-card batch-actions">
        {preparation && (
          <Space wrap>
            <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={save}>
              保存
            </Button>
            <Popconfirm
              title="发布该批次？"
              description="发布后全部用户可见，按截止时间接受申报；之后只能延长截止时间或更正文字。"
              okText="发布"
              cancelText="取消"
              okButtonProps={{ autoFocus: true }}
              onConfirm={publish}
              disabled={dirty}
            >
              <Button disabled={dirty || busy}>发布</Button>
            </Popconfirm>
            {dirty && <Typography.Text type="secondary">有未保存的修改：保存后才能发布。</Typography.Text>}
          </Space>
        )}
        {!preparation && !correcting && (
          <Space wrap>
            <Button icon={<ClockCircleOutlined />} onClick={() => setExtending(true)}>
              延长截止时间
            </Button>
            <Button icon={<EditOutlined />} onClick={() => setCorrecting(true)}>
              更正文字
            </Button>
            <Typography.Text type="secondary">已发布的批次不能修改申报条件、名额、路由和各项键值。</Typography.Text>
          </Space>
        )}
        {correcting && (
          <div className="batch-correction">
            <Typography.Text>可修改批次名称、标题、通知以及各类名称；其余字段保持不变。</Typography.Text>
            <label htmlFor="correction-summary">更正说明（向该批次全部用户公示）</label>
            <Input.TextArea
              id="correction-summary"
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              autoSize={{ minRows: 2 }}
              maxLength={500}
            />
            <Space>
              <Button type="primary" loading={busy} disabled={summary.trim().length < 2} onClick={correct}>
                保存更正
              </Button>
              <Button onClick={cancelCorrection}>取消</Button>
            </Space>
          </div>
        )}
      </Card>

      <ChangeList batch={batch} />

      <ConfigProvider theme={preparation ? undefined : readOnlyTheme}>
        <Form
          form={form}
          name="batch"
          layout="vertical"
          initialValues={formValuesOf(batch)}
          onValuesChange={() => setDirty(true)}
        >
          <BatchConfigSections
            reference={reference}
            locked={!preparation}
            wordingLocked={!preparation && !correcting}
          />
        </Form>
      </ConfigProvider>

      <ExtendDeadlinesDialog batch={batch} open={extending} onClose={() => setExtending(false)} onDone={answered} />
    </div>
  );
}

import '../features/publicity/publicity.css';
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Radio, Spin, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { objectionOutcomes, type ObjectionClose, type ObjectionView, type PublicityView } from '#contract';
import { publicityApi, publicityKeys } from '../api/publicity-api';
import { useOfficialBatch, withBatch } from '../app/officialBatch';
import { useSession } from '../app/session';
import { failureOf } from '../features/common/failureOf';
import { formatBytes, formatDateTime } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { RefusalAlert } from '../features/common/RefusalAlert';
import { useAction } from '../features/common/useAction';
import { ObjectionStatusTag } from '../features/publicity/PublicityWindow';

const TEXT_MAX = 5000;

/** The objection's 佐证材料: each opens in place (a new window) or downloads; the server records every opening. */
function ObjectionFiles({ objection }: { objection: ObjectionView }) {
  return (
    <ul className="objection-files" data-testid="objection-files">
      {objection.files.map((f) => {
        const url = `/api/v1/objections/${objection.id}/files/${f.id}`;
        return (
          <li key={f.id}>
            <span>{f.name}</span>
            <Typography.Text type="secondary">{` · ${formatBytes(f.sizeBytes)}`}</Typography.Text>{' '}
            <a
              className="text-link"
              href={`${url}?inline=1`}
              target="_blank"
              rel="noreferrer"
              aria-label={`查看${f.name}`}
            >
              <EyeOutlined /> 查看
            </a>{' '}
            <a className="text-link" href={url} download aria-label={`下载${f.name}`}>
              <DownloadOutlined /> 下载
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** One text and its button: a note, the question to the city, or the outcome's text. */
function TextAction({
  name,
  label,
  button,
  run,
  busy,
}: {
  /** The form's name, which keeps its field's id apart from the other forms'. */
  name: string;
  label: string;
  button: string;
  run: (text: string) => Promise<unknown>;
  busy: boolean;
}) {
  const [form] = Form.useForm<{ text: string }>();
  return (
    <Form
      form={form}
      name={name}
      layout="vertical"
      onFinish={({ text }) => void run(text).then((done) => done && form.resetFields())}
    >
      <Form.Item name="text" label={label} rules={[{ required: true, whitespace: true, message: '须填写' }]}>
        <Input.TextArea rows={3} maxLength={TEXT_MAX} />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        {button}
      </Button>
    </Form>
  );
}

/** An objection as the province handles it: assigned, investigated (notes, the city asked), closed with an outcome. */
export function ObjectionPage() {
  const { publicityId = '', objectionId = '' } = useParams();
  const batch = useOfficialBatch();
  const { session } = useSession();
  const queryClient = useQueryClient();
  const [closeForm] = Form.useForm<ObjectionClose>();
  const publicity = useQuery({
    queryKey: publicityKeys.publicity(publicityId),
    queryFn: ({ signal }) => publicityApi.get(publicityId, signal),
  });
  const changed = (view: ObjectionView) =>
    queryClient.setQueryData<PublicityView>(publicityKeys.publicity(publicityId), (p) =>
      p ? { ...p, objectionList: p.objectionList.map((o) => (o.id === view.id ? view : o)) } : p,
    );
  const assign = useAction({
    action: () => publicityApi.assign(objectionId, session.user!.id),
    success: '已指派给您',
    onDone: changed,
  });
  const note = useAction({
    action: (text: string) => publicityApi.note(objectionId, text),
    success: '调查记录已保存',
    onDone: changed,
  });
  const ask = useAction({
    action: (question: string) => publicityApi.requestCity(objectionId, question),
    success: '已请推荐市说明情况',
    onDone: changed,
  });
  const close = useAction({
    action: (input: ObjectionClose) => publicityApi.close(objectionId, input),
    success: '异议已办结',
    onDone: changed,
    fieldErrors: { form: closeForm, fields: ['outcome', 'text'] },
  });

  const loadFailure = failureOf(publicity);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!publicity.data) return <Spin size="large" className="page-spin" description="正在加载异议…" />;
  const o = publicity.data.objectionList.find((x) => x.id === objectionId);
  if (!o) return <Typography.Paragraph>未找到该异议。</Typography.Paragraph>;
  const refusal = assign.refusal ?? note.refusal ?? ask.refusal ?? close.refusal;
  return (
    <div className="narrow-page objection-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          异议 {o.receiptNumber}
        </Typography.Title>
        <Link to={withBatch(`/province/publicities/${publicityId}`, batch)}>返回{publicity.data.title}</Link>
      </div>
      {refusal && <RefusalAlert refusal={refusal} />}
      <Card size="small" className="form-card">
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="状态">
            <ObjectionStatusTag objection={o} />
          </Descriptions.Item>
          <Descriptions.Item label="涉及平台">{o.platformName}</Descriptions.Item>
          <Descriptions.Item label="提出方式">
            {o.origin === 'online' ? '网上提出' : '书面提出（省厅登记）'}
          </Descriptions.Item>
          <Descriptions.Item label="异议人">{o.name}</Descriptions.Item>
          <Descriptions.Item label="联系方式">{o.contactMasked}</Descriptions.Item>
          <Descriptions.Item label="受理时间">{formatDateTime(o.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label="异议理由">
            <span className="objection-text">{o.grounds}</span>
          </Descriptions.Item>
          <Descriptions.Item label="佐证材料">
            {o.files.length === 0 ? '无' : <ObjectionFiles objection={o} />}
          </Descriptions.Item>
          <Descriptions.Item label="承办人">
            {o.assignedTo ? o.assignedTo.name : '未指派'}{' '}
            {o.status === 'open' && o.assignedTo?.userId !== session.user?.id && (
              <Button size="small" loading={assign.busy} onClick={() => void assign.run()}>
                指派给我
              </Button>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" className="form-card" title="调查记录">
        {o.notes.length > 0 && (
          <Timeline
            items={o.notes.map((n) => ({
              key: n.at,
              content: (
                <>
                  <Typography.Text type="secondary">
                    {formatDateTime(n.at)} {n.byName}
                  </Typography.Text>
                  <div className="objection-text">{n.text}</div>
                </>
              ),
            }))}
          />
        )}
        {o.status === 'open' && (
          <TextAction name="note" label="调查情况" button="保存记录" run={note.run} busy={note.busy} />
        )}
      </Card>
      <Card size="small" className="form-card" title="推荐市说明">
        {o.cityRequest ? (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="请说明的事项">{o.cityRequest.question}</Descriptions.Item>
            <Descriptions.Item label="提出时间">{formatDateTime(o.cityRequest.requestedAt)}</Descriptions.Item>
            <Descriptions.Item label="市级答复">
              {o.cityRequest.response ? (
                <span className="objection-text">{o.cityRequest.response}</span>
              ) : (
                <Typography.Text type="secondary">尚未答复</Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          o.status === 'open' && (
            <TextAction
              name="city-request"
              label="请推荐市说明的事项"
              button="请推荐市说明"
              run={ask.run}
              busy={ask.busy}
            />
          )
        )}
      </Card>
      <Card size="small" className="form-card" title="办结">
        {o.status === 'closed' ? (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="处理结果">{o.outcome ? objectionOutcomes[o.outcome] : '—'}</Descriptions.Item>
            <Descriptions.Item label="说明">
              <span className="objection-text">{o.outcomeText}</span>
            </Descriptions.Item>
            <Descriptions.Item label="办结时间">{formatDateTime(o.closedAt)}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Form<ObjectionClose>
            form={closeForm}
            name="close"
            layout="vertical"
            onFinish={(values) => void close.run(values)}
          >
            <Form.Item name="outcome" label="处理结果" rules={[{ required: true, message: '须选择' }]}>
              <Radio.Group options={Object.entries(objectionOutcomes).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item
              name="text"
              label="处理结果说明"
              extra="异议人留有联系方式的，将据此告知处理结果；异议成立的平台移出名单。"
              rules={[{ required: true, whitespace: true, message: '须填写' }]}
            >
              <Input.TextArea rows={4} maxLength={TEXT_MAX} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={close.busy}>
              办结
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}

import '../features/publicity/publicity.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Modal, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  objectionInputSchema,
  type ObjectionInput,
  type ObjectionView,
  type PublicityView,
  type RecognitionView,
} from '#contract';
import { publicityApi, publicityKeys } from '../api/publicity-api';
import { TitleWithBatch, useOfficialBatch, withBatch } from '../app/officialBatch';
import { failureOf } from '../features/common/failureOf';
import { DocumentButtons } from '../features/documents/DocumentButtons';
import { ProvinceLetterSettingsDialog } from '../features/publicity/ProvinceLetterSettingsDialog';
import { formatDate, formatDateTime } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { RefusalAlert } from '../features/common/RefusalAlert';
import { fieldsOf } from '../features/common/schemaRules';
import { useAction } from '../features/common/useAction';
import { ObjectionFields } from '../features/publicity/ObjectionFields';
import { ObjectionStatusTag, PhaseTag, windowText } from '../features/publicity/PublicityWindow';

const ORIGINS = { online: '网上', paper: '书面' } as const;

/** 登记书面异议: an objection received on paper, entered by the province. */
function PaperObjectionDialog({ publicity, onClose }: { publicity: PublicityView; onClose: () => void }) {
  const [form] = Form.useForm<ObjectionInput>();
  const queryClient = useQueryClient();
  const register = useAction({
    action: (values: ObjectionInput) => publicityApi.registerPaper(publicity.id, values),
    success: (r) => `书面异议已登记，受理编号 ${r.receiptNumber}`,
    onDone: () => void queryClient.invalidateQueries({ queryKey: publicityKeys.publicity(publicity.id) }),
    fieldErrors: { form, fields: fieldsOf(objectionInputSchema) },
  });
  return (
    <Modal
      open
      title="登记书面异议"
      okText="登记"
      cancelText="取消"
      confirmLoading={register.busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {register.refusal && <RefusalAlert refusal={register.refusal} onClose={register.clearRefusal} />}
      <Form<ObjectionInput>
        form={form}
        name="paper-objection"
        layout="vertical"
        onFinish={(values) => void register.run(values).then((r) => r && onClose())}
      >
        <ObjectionFields candidates={publicity.candidates} />
      </Form>
    </Modal>
  );
}

/** A 公示 as the province runs it: the window, the list with each platform's status, the objections, 认定. */
export function PublicityAdminPage() {
  const { publicityId = '' } = useParams();
  const batch = useOfficialBatch();
  const queryClient = useQueryClient();
  const [paperOpen, setPaperOpen] = useState(false);
  const [letterOpen, setLetterOpen] = useState(false);
  const publicity = useQuery({
    queryKey: publicityKeys.publicity(publicityId),
    queryFn: ({ signal }) => publicityApi.get(publicityId, signal),
  });
  const recognize = useAction({
    action: () => publicityApi.recognize(publicityId),
    success: '已认定',
    onDone: (view) => {
      queryClient.setQueryData(publicityKeys.publicity(publicityId), view);
      void queryClient.invalidateQueries({ queryKey: publicityKeys.publicList });
    },
  });
  const loadFailure = failureOf(publicity);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!publicity.data) return <Spin size="large" className="page-spin" description="正在加载公示…" />;
  const p = publicity.data;
  const open = p.objectionList.filter((o) => o.status === 'open');
  const pending = p.candidates.filter((c) => c.status === 'publicized').length;
  const recognised = p.candidates.some((c) => c.certificateNumber);
  return (
    <div className="publicity-admin-page">
      <div className="page-heading">
        <TitleWithBatch>{p.title}</TitleWithBatch>
        <Space wrap>
          <Link to={withBatch('/province/publicities', batch)}>返回公示列表</Link>
          <Button size="small" onClick={() => setLetterOpen(true)}>
            认定文件发文设置
          </Button>
        </Space>
      </div>
      {letterOpen && <ProvinceLetterSettingsDialog onClose={() => setLetterOpen(false)} />}
      <Card size="small" className="form-card">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="状态">
            <PhaseTag phase={p.phase} label={p.phaseLabel} />
          </Descriptions.Item>
          <Descriptions.Item label="公示期">{windowText(p.days, p.unit, p.window)}</Descriptions.Item>
          <Descriptions.Item label="未办结异议">{open.length}件</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph className="publicity-notice">{p.notice}</Typography.Paragraph>
        {recognize.refusal && (
          <Alert
            type="error"
            showIcon
            className="form-alert"
            data-testid="refusal"
            title="暂不能认定"
            description={(recognize.refusal.message || recognize.refusal.title).replace(/^暂不能认定：/, '')}
            closable={{ onClose: recognize.clearRefusal }}
          />
        )}
        {pending > 0 ? (
          <Space wrap>
            <Popconfirm
              title={`认定本次公示中的${pending}个平台？`}
              description="异议成立的平台移出名单，其余平台认定为示范平台，公开页面同时更新。"
              okText="确定认定"
              cancelText="取消"
              onConfirm={() => void recognize.run()}
            >
              <Button type="primary" loading={recognize.busy}>
                认定
              </Button>
            </Popconfirm>
            <Typography.Text type="secondary">
              公示期满且涉及该平台的异议全部办结后方可认定；异议成立的平台移出名单。
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">本次公示的平台均已认定或移出名单。</Typography.Text>
        )}
        {recognised && (
          <div className="publicity-decision">
            <DocumentButtons
              name="认定文件"
              links={{ docx: publicityApi.decisionUrl(p.id, 'docx'), pdf: publicityApi.decisionUrl(p.id, 'pdf') }}
            />
          </div>
        )}
      </Card>
      <Card size="small" className="form-card" title="公示名单">
        <Table<RecognitionView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p.candidates}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '平台名称', dataIndex: 'platformName' },
            { title: '运营单位', dataIndex: 'unitName' },
            { title: '所在地', dataIndex: 'cityName', width: 100 },
            { title: '状态', key: 'status', width: 110, render: (_, c) => <Tag>{c.statusLabel}</Tag> },
            { title: '证书编号', key: 'number', render: (_, c) => c.certificateNumber ?? '—' },
            {
              title: '有效期',
              key: 'validity',
              render: (_, c) => (c.validFrom ? `${formatDate(c.validFrom)} 至 ${formatDate(c.validTo)}` : '—'),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        className="form-card"
        title="异议"
        extra={
          <Button size="small" onClick={() => setPaperOpen(true)}>
            登记书面异议
          </Button>
        }
      >
        <Table<ObjectionView>
          rowKey="id"
          size="small"
          className="objection-table"
          pagination={false}
          dataSource={p.objectionList}
          locale={{ emptyText: '尚未收到异议' }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: '受理编号',
              key: 'receipt',
              render: (_, o) => (
                <Link to={withBatch(`/province/publicities/${p.id}/objections/${o.id}`, batch)}>{o.receiptNumber}</Link>
              ),
            },
            { title: '涉及平台', dataIndex: 'platformName' },
            { title: '方式', key: 'origin', width: 70, render: (_, o) => ORIGINS[o.origin] },
            { title: '联系方式', dataIndex: 'contactMasked' },
            { title: '受理时间', key: 'received', render: (_, o) => formatDateTime(o.receivedAt) },
            { title: '状态', key: 'status', width: 90, render: (_, o) => <ObjectionStatusTag objection={o} /> },
          ]}
        />
      </Card>
      {paperOpen && <PaperObjectionDialog publicity={p} onClose={() => setPaperOpen(false)} />}
    </div>
  );
}

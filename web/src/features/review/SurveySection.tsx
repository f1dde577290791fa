import { EditOutlined, EyeOutlined, SaveOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  ConfigProvider,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import {
  mobileOrLandline,
  ratings,
  surveyMethods,
  type ApplicationView,
  type Rating,
  type ReviewView,
  type SurveyContactInput,
  type SurveyContactView,
  type SurveyMethod,
} from '#contract';
import { reviewApi } from '../../api/endpoints';
import { formatDateTime } from '../common/format';
import { mono } from '../common/mono';
import { readOnlyTheme } from '../common/readOnlyTheme';
import { zodRule } from '../common/zodRule';
import { RefusalAlert } from './RefusalAlert';
import { refusalOf } from './reviewLabels';
import { useAction } from '../common/useAction';

type Survey = NonNullable<ReviewView['survey']>;

const methodOptions = (Object.keys(surveyMethods) as SurveyMethod[]).map((value) => ({
  value,
  label: surveyMethods[value],
}));
const RATING_COLORS: Record<Rating, string> = { very_satisfied: 'green', satisfied: 'cyan', dissatisfied: 'red' };

/** How the order is made, in words an official can read out: anyone with the seed and the roster can recompute it. */
function DrawRule({ seed }: { seed?: string }) {
  return (
    <Typography.Paragraph type="secondary" className="draw-rule" data-testid="draw-rule">
      抽取规则：对服务企业名单的每一行计算 SHA-256(“{seed ? <span className="mono">{seed}</span> : '种子'}
      |行号”)，按十六进制值
      <strong>升序</strong>
      排列，取前若干家；联系不上的企业由排序中的下一家自动替补，不由人工挑选。任何人持种子和名单均可用任意 SHA-256
      工具复算。
    </Typography.Paragraph>
  );
}

interface DrawValues {
  methods: SurveyMethod[];
  sampleSize: number;
}

function DrawCard({
  view,
  rosterCount,
  minimum,
  onView,
}: {
  view: ReviewView;
  rosterCount: number;
  minimum: number;
  onView: (v: ReviewView) => void;
}) {
  const [form] = Form.useForm<DrawValues>();
  const { busy: saving, refusal, run: save } = useAction(onView, { form, fields: ['methods', 'sampleSize'] });
  const draw = (values: DrawValues) =>
    void save(
      () => reviewApi.drawSurvey(view.applicationId, values.methods, values.sampleSize),
      `已随机抽取 ${values.sampleSize} 家企业`,
    );
  return (
    <Card size="small" title="组织测评：随机抽取服务企业" className="form-card">
      <DrawRule />
      {rosterCount < minimum && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title={`服务企业名单仅 ${rosterCount} 家，少于测评要求的 ${minimum} 家`}
        />
      )}
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form<DrawValues>
        form={form}
        name="surveyDraw"
        layout="vertical"
        initialValues={{ methods: [], sampleSize: minimum }}
        onFinish={draw}
        requiredMark={false}
      >
        <Form.Item
          name="methods"
          label="测评方法（可多选）"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种测评方法' }]}
        >
          <Checkbox.Group options={methodOptions} />
        </Form.Item>
        <Form.Item
          name="sampleSize"
          label="抽取家数"
          extra={`不少于 ${minimum} 家；名单共 ${rosterCount} 家`}
          rules={[{ required: true, message: '请填写抽取家数' }]}
        >
          <InputNumber min={minimum} max={Math.max(minimum, rosterCount)} precision={0} suffix="家" />
        </Form.Item>
        <Popconfirm
          title="确认随机抽取？"
          description="抽取结果和种子将被记录，不能重新抽取。"
          okText="抽取"
          cancelText="取消"
          onConfirm={() => form.submit()}
        >
          <Button type="primary" icon={<ThunderboltOutlined />} loading={saving}>
            随机抽取
          </Button>
        </Popconfirm>
      </Form>
    </Card>
  );
}

function MethodsEditor({
  view,
  survey,
  editable,
  onView,
}: {
  view: ReviewView;
  survey: Survey;
  editable: boolean;
  onView: (v: ReviewView) => void;
}) {
  const [methods, setMethods] = useState<SurveyMethod[]>(survey.methods);
  const { busy: saving, refusal, run: save } = useAction(onView);
  useEffect(() => setMethods(survey.methods), [survey.methods]);
  const changed = [...methods].sort().join() !== [...survey.methods].sort().join();
  return (
    <Space orientation="vertical" size={4}>
      <Space wrap>
        <Checkbox.Group
          options={methodOptions}
          value={methods}
          onChange={(v) => setMethods(v as SurveyMethod[])}
          disabled={!editable}
        />
        {editable && changed && (
          <Button
            size="small"
            type="primary"
            icon={<SaveOutlined />}
            loading={saving}
            disabled={methods.length === 0}
            onClick={() => void save(() => reviewApi.saveSurveyMethods(view.applicationId, methods), '测评方法已保存')}
          >
            保存
          </Button>
        )}
      </Space>
      {refusal && <RefusalAlert refusal={refusal} />}
    </Space>
  );
}

/** The draw order: surveyed rows coloured by outcome, replaced rows struck through, the rest waiting their turn. */
function DrawOrder({ survey }: { survey: Survey }) {
  const [all, setAll] = useState(false);
  const byRow = new Map(survey.contacts.map((c) => [c.rosterRowNo, c]));
  const shown = all
    ? survey.drawOrder
    : survey.drawOrder.slice(0, Math.max(survey.contacts.length + 5, survey.sampleSize + 5));
  return (
    <div className="draw-order" data-testid="draw-order">
      {shown.map((row, index) => {
        const contact = byRow.get(row);
        const state = contact?.outcome ?? 'waiting';
        return (
          <Tooltip
            key={row}
            title={contact ? `${contact.enterpriseName}（第${index + 1}位）` : `第${index + 1}位，未抽中`}
          >
            <span className={`draw-order-item draw-order-${state}`}>{row}</span>
          </Tooltip>
        );
      })}
      {survey.drawOrder.length > shown.length && (
        <Button size="small" type="link" onClick={() => setAll(true)}>
          显示全部 {survey.drawOrder.length} 行
        </Button>
      )}
    </div>
  );
}

function SurveyStats({ survey, minimum }: { survey: Survey; minimum: number }) {
  const count = (r: Rating) => survey.contacts.filter((c) => c.outcome === 'completed' && c.rating === r).length;
  const unreachable = survey.contacts.filter((c) => c.outcome === 'unreachable').length;
  return (
    <Card size="small" className="form-card survey-stats" data-testid="survey-stats">
      <Row gutter={16}>
        <Col xs={12} md={5}>
          <Statistic title="已完成测评" value={survey.completed} suffix={`/ ${survey.sampleSize} 家`} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={ratings.very_satisfied} value={count('very_satisfied')} suffix="家" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={ratings.satisfied} value={count('satisfied')} suffix="家" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={ratings.dissatisfied} value={count('dissatisfied')} suffix="家" />
        </Col>
        <Col xs={12} md={3}>
          <Statistic title="无法联系（已替补）" value={unreachable} suffix="家" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title="满意度"
            value={survey.satisfactionPercent ?? '—'}
            suffix={survey.satisfactionPercent === null ? '' : '%'}
            precision={survey.satisfactionPercent === null ? undefined : 1}
          />
        </Col>
      </Row>
      <Typography.Text type="secondary" className="survey-formula">
        满意度 =（很满意 + 基本满意）÷ 已完成测评家数。
        {survey.completed < minimum && (
          <Typography.Text type="warning">
            {' '}
            尚需完成 {minimum - survey.completed} 家方满 {minimum} 家。
          </Typography.Text>
        )}
      </Typography.Text>
    </Card>
  );
}

interface ContactValues {
  outcome: 'completed' | 'unreachable';
  interviewee?: string;
  position?: string;
  phone?: string;
  rating?: Rating;
  note?: string;
}

function toInput(v: ContactValues): SurveyContactInput {
  if (v.outcome === 'unreachable') return { outcome: 'unreachable', note: (v.note ?? '').trim() };
  return {
    outcome: 'completed',
    interviewee: (v.interviewee ?? '').trim(),
    position: (v.position ?? '').trim(),
    phone: (v.phone ?? '').trim(),
    rating: v.rating!,
    note: (v.note ?? '').trim(),
  };
}

interface ContactDialogProps {
  view: ReviewView;
  contact: SurveyContactView | null;
  disclosedPhone: string | undefined;
  onClose: () => void;
  onView: (v: ReviewView) => void;
}

/** The outcome of one call or visit; an unreachable enterprise is replaced by the server from the draw order. */
function ContactDialog({ view, contact, disclosedPhone, onClose, onView }: ContactDialogProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactValues>();
  const outcome = Form.useWatch('outcome', form);
  const {
    busy: saving,
    refusal,
    run: save,
  } = useAction(
    (updated: ReviewView) => {
      onView(updated);
      const before = new Set(view.survey?.contacts.map((c) => c.rosterRowNo));
      const added = updated.survey?.contacts.filter((c) => !before.has(c.rosterRowNo)) ?? [];
      added.forEach((c) =>
        message.info(`由抽取顺序中的下一家替补：${c.enterpriseName}（名单第 ${c.rosterRowNo} 行）`, 6),
      );
    },
    { form, fields: ['interviewee', 'position', 'phone', 'rating', 'note'] },
  );
  if (!contact) return null;
  const initial: ContactValues =
    contact.outcome === 'completed'
      ? {
          outcome: 'completed',
          interviewee: contact.interviewee ?? '',
          position: contact.position ?? '',
          // Recorded phones come back masked: a change asks for the number again.
          phone: contact.phone?.includes('*') ? '' : (contact.phone ?? ''),
          rating: contact.rating ?? undefined,
          note: contact.note ?? '',
        }
      : contact.outcome === 'unreachable'
        ? { outcome: 'unreachable', note: contact.note ?? '' }
        : {
            outcome: 'completed',
            interviewee: contact.rosterContactName,
            position: '',
            phone: disclosedPhone ?? '',
            note: '',
          };
  const submit = (values: ContactValues) =>
    void save(
      () => reviewApi.recordSurveyContact(view.applicationId, contact.rosterRowNo, toInput(values)),
      '测评结果已记录',
    ).then((ok) => ok && onClose());
  return (
    <Modal
      open
      title={`测评记录：${contact.enterpriseName}`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: saving }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      className="contact-dialog"
    >
      <Typography.Paragraph type="secondary">
        名单第 {contact.rosterRowNo} 行 · 抽取顺序第 {contact.drawPosition} 位 · 名单联系人 {contact.rosterContactName}
      </Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form<ContactValues>
        form={form}
        name="surveyContact"
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        requiredMark={false}
      >
        <Form.Item name="outcome" label="测评情况">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'completed', label: '已完成测评' },
              { value: 'unreachable', label: '无法联系' },
            ]}
          />
        </Form.Item>
        {outcome !== 'unreachable' && (
          <>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item
                  name="interviewee"
                  label="被访人员姓名"
                  rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="position"
                  label="职务"
                  rules={[{ required: true, whitespace: true, message: '请填写职务' }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="phone"
              label="联系电话"
              rules={[zodRule(mobileOrLandline)]}
              extra="手机号或座机号（如 0379-65501234）"
            >
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item
              name="rating"
              label="对所受服务的总体评价"
              rules={[{ required: true, message: '请选择总体评价' }]}
            >
              <Radio.Group
                options={(Object.keys(ratings) as Rating[]).map((value) => ({ value, label: ratings[value] }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="note"
          label={outcome === 'unreachable' ? '无法联系的情况' : '备注（可不填）'}
          rules={
            outcome === 'unreachable'
              ? [{ required: true, whitespace: true, message: '请说明联系情况，如拨打时间和次数' }]
              : []
          }
          extra={outcome === 'unreachable' ? '保存后由抽取顺序中的下一家企业自动替补。' : undefined}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function OutcomeCell({ contact }: { contact: SurveyContactView }) {
  if (contact.outcome === 'pending') return <Tag>待测评</Tag>;
  if (contact.outcome === 'unreachable') {
    return (
      <Space orientation="vertical" size={0}>
        <Tag color="default" className="outcome-unreachable">
          无法联系 · 已替补
        </Tag>
        <Typography.Text type="secondary" className="outcome-note">
          {contact.note}
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Space orientation="vertical" size={0}>
      <Space size={4} wrap>
        <Tag color={RATING_COLORS[contact.rating ?? 'satisfied']}>{contact.rating ? ratings[contact.rating] : ''}</Tag>
        <span>
          {contact.interviewee}（{contact.position}）
        </span>
        <span className="mono">{contact.phone}</span>
      </Space>
      {contact.note && (
        <Typography.Text type="secondary" className="outcome-note">
          {contact.note}
        </Typography.Text>
      )}
    </Space>
  );
}

interface SurveySectionProps {
  view: ReviewView;
  application: ApplicationView;
  minimum: number;
  editable: boolean;
  onView: (view: ReviewView) => void;
}

/** 测评 (附件3): a reproducible random draw from the roster, then the outcome per enterprise and the satisfaction rate. */
export function SurveySection({ view, application, minimum, editable, onView }: SurveySectionProps) {
  const { message } = App.useApp();
  const [recording, setRecording] = useState<SurveyContactView | null>(null);
  const [disclosed, setDisclosed] = useState<Map<number, string>>(new Map());
  const [disclosing, setDisclosing] = useState<number | null>(null);
  const survey = view.survey;

  if (!survey) {
    if (!editable) return <Alert type="info" showIcon title="尚未组织测评" />;
    return <DrawCard view={view} rosterCount={application.rosterCount} minimum={minimum} onView={onView} />;
  }

  const disclose = (row: number) => {
    setDisclosing(row);
    reviewApi
      .disclosePhone(view.applicationId, row)
      .then(
        (phone) => setDisclosed((current) => new Map(current).set(row, phone)),
        (error: unknown) => message.error(`查看失败：${refusalOf(error).title}`),
      )
      .finally(() => setDisclosing(null));
  };

  const contacts = [...survey.contacts].sort((a, b) => a.drawPosition - b.drawPosition);
  return (
    <ConfigProvider theme={editable ? undefined : readOnlyTheme}>
      <div className="survey-section">
        <Card size="small" title="抽样情况" className="form-card">
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'seed',
                label: '随机种子',
                children: (
                  <Typography.Text copyable className="mono" data-testid="survey-seed">
                    {survey.seed}
                  </Typography.Text>
                ),
              },
              {
                key: 'size',
                label: '抽取家数',
                children: `${survey.sampleSize} 家（名单共 ${application.rosterCount} 家）`,
              },
              {
                key: 'methods',
                label: '测评方法',
                span: 2,
                children: <MethodsEditor view={view} survey={survey} editable={editable} onView={onView} />,
              },
              { key: 'order', label: '抽取顺序（名单行号）', span: 2, children: <DrawOrder survey={survey} /> },
            ]}
          />
          <DrawRule seed={survey.seed} />
        </Card>
        <SurveyStats survey={survey} minimum={minimum} />
        <Card size="small" title="测评企业" className="form-card">
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
                            onClick={() => disclose(c.rosterRowNo)}
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
                            onClick={() => setRecording(c)}
                            aria-label={`记录：${c.enterpriseName}`}
                          >
                            {c.outcome === 'pending' ? '记录' : '修改'}
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
        {recording && (
          <ContactDialog
            view={view}
            contact={recording}
            disclosedPhone={disclosed.get(recording.rosterRowNo)}
            onClose={() => setRecording(null)}
            onView={onView}
          />
        )}
      </div>
    </ConfigProvider>
  );
}

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Spin, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  expertInputSchema,
  expertRelationKinds,
  type ExpertInput,
  type ExpertRelationKind,
  type ExpertView,
} from '#contract';
import { expertPoolApi, expertReviewKeys } from '../../api/expert-review-api';
import { useReferenceData } from '../reference/useReferenceData';
import { RefusalAlert } from '../common/RefusalAlert';
import { fieldsOf, maxLengthOf } from '../common/schemaRules';
import { useAction } from '../common/useAction';
import { zodRule } from '../common/zodRule';

interface RelationValues {
  kind: ExpertRelationKind;
  counterpartName?: string;
  counterpartUscc?: string;
  until?: Dayjs | null;
}

interface ExpertValues {
  name: string;
  unitName: string;
  unitUscc?: string;
  cityCode: string;
  fields: string[];
  phone: string;
  email?: string;
  relations: RelationValues[];
  active: boolean;
}

const FIELDS = fieldsOf(expertInputSchema);
const shape = expertInputSchema.shape;
const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

function inputOf(values: ExpertValues): ExpertInput {
  return {
    name: values.name.trim(),
    unitName: values.unitName.trim(),
    unitUscc: blankToNull(values.unitUscc),
    cityCode: values.cityCode,
    fields: values.fields.map((f) => f.trim()).filter(Boolean),
    phone: values.phone.trim(),
    email: blankToNull(values.email),
    relations: (values.relations ?? []).map((r) => ({
      kind: r.kind,
      counterpartName: blankToNull(r.counterpartName),
      counterpartUscc: blankToNull(r.counterpartUscc),
      until: r.until ? r.until.format('YYYY-MM-DD') : null,
    })),
    active: values.active,
  };
}

function valuesOf(view: ExpertView): ExpertValues {
  return {
    name: view.name,
    unitName: view.unitName,
    unitUscc: view.unitUscc ?? undefined,
    cityCode: view.cityCode,
    fields: view.fields,
    phone: view.phone,
    email: view.email ?? undefined,
    relations: view.relations.map((r) => ({
      kind: r.kind,
      counterpartName: r.counterpartName ?? undefined,
      counterpartUscc: r.counterpartUscc ?? undefined,
      until: r.until ? dayjs(r.until) : null,
    })),
    active: view.active,
  };
}

const NEW_EXPERT: Partial<ExpertValues> = { fields: [], relations: [], active: true };

function ExpertForm({
  initial,
  onSubmit,
  form,
}: {
  initial: Partial<ExpertValues>;
  onSubmit: (values: ExpertValues) => void;
  form: ReturnType<typeof Form.useForm<ExpertValues>>[0];
}) {
  const regions = useReferenceData().data?.reference.regions ?? [];
  // The pool's cities: the 18 省辖市 and 济源 (six-digit codes), not the special zones.
  const cities = regions.filter((r) => /^\d{6}$/.test(r.code));
  return (
    <Form<ExpertValues>
      form={form}
      name="expert"
      layout="vertical"
      requiredMark={false}
      initialValues={initial}
      onFinish={onSubmit}
    >
      <Form.Item
        name="name"
        label="姓名"
        rules={[{ required: true, whitespace: true, message: '须填写' }, zodRule(shape.name)]}
      >
        <Input maxLength={maxLengthOf(shape.name)} />
      </Form.Item>
      <Form.Item
        name="unitName"
        label="工作单位"
        rules={[{ required: true, whitespace: true, message: '须填写' }, zodRule(shape.unitName)]}
      >
        <Input maxLength={maxLengthOf(shape.unitName)} />
      </Form.Item>
      <Form.Item
        name="unitUscc"
        label="工作单位统一社会信用代码"
        extra="用于同单位回避；高校、事业单位也有统一社会信用代码，可不填"
        rules={[{ len: 18, message: '须为18位' }]}
      >
        <Input maxLength={18} className="mono" />
      </Form.Item>
      <Form.Item name="cityCode" label="所在城市" rules={[{ required: true, message: '须选择' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={cities.map((c) => ({ value: c.code, label: c.name }))}
          placeholder="选择所在省辖市"
        />
      </Form.Item>
      <Form.Item
        name="fields"
        label="专业领域"
        extra="输入后按回车添加，可填多个"
        rules={[{ required: true, type: 'array', min: 1, message: '至少填写一个专业领域' }]}
      >
        <Select mode="tags" open={false} suffixIcon={null} aria-label="专业领域" />
      </Form.Item>
      <Form.Item
        name="phone"
        label="联系电话"
        rules={[{ required: true, whitespace: true, message: '须填写' }, zodRule(shape.phone)]}
      >
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="email" label="电子邮箱" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Typography.Text strong>申报的利害关系</Typography.Text>
      <Typography.Paragraph type="secondary" className="card-note">
        专家与某单位的任职、持股、亲属或其他利害关系；关系仍存续的不填截止日期。抽取时按回避年限判断。
      </Typography.Paragraph>
      <Form.List name="relations">
        {(items, { add, remove }) => (
          <>
            {items.map((item, n) => (
              <div key={item.key} className="relation-row" data-testid="relation-row">
                <Form.Item name={[item.name, 'kind']} rules={[{ required: true, message: '须选择' }]}>
                  <Select
                    aria-label={`第${n + 1}项关系类型`}
                    style={{ width: 110 }}
                    options={Object.entries(expertRelationKinds).map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
                <Form.Item name={[item.name, 'counterpartName']}>
                  <Input aria-label={`第${n + 1}项对方单位名称`} placeholder="对方单位名称" maxLength={100} />
                </Form.Item>
                <Form.Item name={[item.name, 'counterpartUscc']} rules={[{ len: 18, message: '须为18位' }]}>
                  <Input
                    aria-label={`第${n + 1}项对方统一社会信用代码`}
                    placeholder="统一社会信用代码"
                    maxLength={18}
                    className="mono"
                  />
                </Form.Item>
                <Form.Item name={[item.name, 'until']}>
                  <DatePicker format="YYYY年M月D日" placeholder="截止日期" aria-label={`第${n + 1}项截止日期`} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={`删除第${n + 1}项关系`}
                  onClick={() => remove(item.name)}
                />
              </div>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'employment' })}>
              添加关系
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="active" label="在库（可被抽取）" valuePropName="checked" style={{ marginTop: 16 }}>
        <Switch checkedChildren="在库" unCheckedChildren="停用" />
      </Form.Item>
    </Form>
  );
}

/** 添加专家 / 编辑专家: an expert of the pool; editing loads the full phone (the server audits the disclosure). */
export function ExpertDialog({
  editing,
  onClose,
  onSaved,
}: {
  /** The expert edited, or null for a new one. */
  editing: ExpertView | null;
  onClose: () => void;
  onSaved: (expert: ExpertView) => void;
}) {
  const [form] = Form.useForm<ExpertValues>();
  const full = useQuery({
    queryKey: [...expertReviewKeys.experts, 'full', editing?.id ?? null],
    queryFn: ({ signal }) => expertPoolApi.get(editing!.id, signal),
    enabled: editing !== null,
    gcTime: 0,
  });
  const { busy, refusal, run } = useAction({
    action: (values: ExpertValues) =>
      full.data
        ? expertPoolApi.update(full.data.id, full.data.version, inputOf(values))
        : expertPoolApi.create(inputOf(values)),
    success: editing ? '专家信息已保存' : '专家已加入专家库',
    onDone: onSaved,
    fieldErrors: { form, fields: FIELDS },
  });
  const loading = editing !== null && !full.data;
  return (
    <Modal
      open
      width={760}
      title={editing ? `编辑专家：${editing.name}` : '添加专家'}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: busy, disabled: loading }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {refusal && <RefusalAlert refusal={refusal} />}
      {full.error && <Alert type="error" showIcon title={full.error.message} />}
      {loading ? (
        <Spin description="正在加载专家信息…" />
      ) : (
        <ExpertForm
          form={form}
          initial={full.data ? valuesOf(full.data) : NEW_EXPERT}
          onSubmit={(values) => void run(values).then((done) => done && onClose())}
        />
      )}
    </Modal>
  );
}

import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, InputNumber, Popconfirm, type FormRule } from 'antd';
import { surveyDrawInputSchema, type ReviewView, type SurveyMethod } from '#contract';
import { reviewApi } from '../../../api/endpoints';
import { RefusalAlert } from '../../common/RefusalAlert';
import { fieldsOf } from '../../common/schemaRules';
import { useAction } from '../../common/useAction';
import { DrawRule } from './DrawRule';
import { methodOptions } from './survey';

interface DrawValues {
  methods: SurveyMethod[];
  sampleSize: number;
}

const FIELDS = fieldsOf(surveyDrawInputSchema);
/** The most the server draws at once. */
const MAX_SAMPLE = surveyDrawInputSchema.shape.sampleSize.unwrap().maxValue ?? Infinity;

/** The number as typed is checked, never rounded or clamped: 9 of a minimum 10 is refused with the reason. */
function sampleSizeRule(minimum: number, rosterCount: number): FormRule {
  return {
    validator: async (_rule, value: number | null | undefined) => {
      if (value === null || value === undefined) return;
      if (!Number.isInteger(value)) throw new Error('须为整数');
      if (value < minimum) throw new Error(`不少于 ${minimum} 家`);
      if (value > MAX_SAMPLE) throw new Error(`一次最多抽取 ${MAX_SAMPLE} 家`);
      if (value > rosterCount && rosterCount >= minimum) throw new Error(`不能超过名单的 ${rosterCount} 家`);
    },
  };
}

/** Before the survey: the methods and the number of enterprises, then the reproducible random draw. */
export function DrawCard({
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
  const {
    busy: saving,
    refusal,
    run: save,
  } = useAction({
    action: (values: DrawValues) => reviewApi.drawSurvey(view.applicationId, values.methods, values.sampleSize),
    success: (_review, values) => `已随机抽取 ${values.sampleSize} 家企业`,
    onDone: onView,
    fieldErrors: { form, fields: FIELDS },
  });
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
        onFinish={(values) => void save(values)}
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
          rules={[{ required: true, message: '请填写抽取家数' }, sampleSizeRule(minimum, rosterCount)]}
        >
          <InputNumber suffix="家" />
        </Form.Item>
        <Popconfirm
          okButtonProps={{ autoFocus: true }}
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

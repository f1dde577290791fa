import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, InputNumber, Popconfirm } from 'antd';
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

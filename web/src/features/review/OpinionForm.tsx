import { Card, DatePicker, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { opinionInputSchema } from '#contract';
import { documentUrls, reviewApi } from '../../api/endpoints';
import { DocumentButtons } from '../documents/DocumentButtons';
import { RefusalAlert } from '../common/RefusalAlert';
import { fieldsOf, maxLengthOf } from '../common/schemaRules';
import { useAction } from '../common/useAction';
import { RecordForm, type RecordProps } from './RecordForm';
import { RecordedAt } from './RecordedAt';

interface OpinionValues {
  impact: string;
  opinion: string;
  opinionDate: Dayjs | null;
}

const FIELDS = fieldsOf(opinionInputSchema);
const shape = opinionInputSchema.shape;

/** The last two parts of the 推荐表 (附件3): the platform's effect on the region's SMEs and the authority's opinion. */
export function OpinionForm({ view, editable, onView }: RecordProps) {
  const [form] = Form.useForm<OpinionValues>();
  const {
    busy: saving,
    refusal,
    run: save,
  } = useAction({
    action: (input: { impact: string; opinion: string; opinionDate: string }) =>
      reviewApi.saveOpinion(view.applicationId, input),
    success: '推荐意见已保存',
    onDone: onView,
    fieldErrors: { form, fields: FIELDS },
  });
  const recorded = view.opinion;
  const initialValues: OpinionValues = {
    impact: recorded?.impact ?? '',
    opinion: recorded?.opinion ?? '',
    opinionDate: recorded ? dayjs(recorded.opinionDate) : null,
  };
  const submit = (v: OpinionValues) =>
    void save({
      impact: v.impact.trim(),
      opinion: v.opinion.trim(),
      opinionDate: v.opinionDate!.format('YYYY-MM-DD'),
    });
  return (
    <Card
      size="small"
      title="推荐意见（附件3）"
      className="form-card"
      extra={
        <Space>
          {recorded && <RecordedAt at={recorded.recordedAt} />}
          <DocumentButtons
            name="附件3 推荐表"
            links={{
              docx: documentUrls.recommendationForm(view.applicationId, 'docx'),
              pdf: documentUrls.recommendationForm(view.applicationId, 'pdf'),
            }}
          />
        </Space>
      }
    >
      {refusal && <RefusalAlert refusal={refusal} />}
      <RecordForm<OpinionValues>
        form={form}
        name="opinion"
        initialValues={initialValues}
        editable={editable}
        saving={saving}
        saveLabel="保存推荐意见"
        onFinish={submit}
      >
        <Form.Item
          name="impact"
          label="对区域中小企业发展的影响和作用"
          rules={[{ required: true, whitespace: true, message: '请填写' }]}
        >
          <Input.TextArea rows={5} maxLength={maxLengthOf(shape.impact)} showCount />
        </Form.Item>
        <Form.Item
          name="opinion"
          label="推荐意见"
          rules={[{ required: true, whitespace: true, message: '请填写推荐意见' }]}
        >
          <Input.TextArea rows={4} maxLength={maxLengthOf(shape.opinion)} showCount />
        </Form.Item>
        <Form.Item name="opinionDate" label="日期（盖章日期）" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker format="YYYY年M月D日" className="date-picker" />
        </Form.Item>
      </RecordForm>
    </Card>
  );
}

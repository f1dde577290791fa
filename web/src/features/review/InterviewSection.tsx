import { Card, Col, Form, Input, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { interviewInputSchema, type ApplicationView, type InterviewInput } from '#contract';
import { reviewApi } from '../../api/endpoints';
import { OfficialsSelect } from './OfficialsSelect';
import { RefusalAlert } from '../common/RefusalAlert';
import { fieldsOf, maxLengthOf } from '../common/schemaRules';
import { useAction } from '../common/useAction';
import { PastDatePicker } from '../common/PastDatePicker';
import { RecordForm, type RecordProps } from './RecordForm';
import { RecordedAt } from './RecordedAt';

interface InterviewValues {
  heldOn: Dayjs | null;
  place: string;
  officials: string[];
  principalName: string;
  principalTitle: string;
  result: string;
}

const FIELDS = fieldsOf(interviewInputSchema);
const shape = interviewInputSchema.shape;

interface InterviewSectionProps extends RecordProps {
  application: ApplicationView;
}

/** 当面谈话 with the unit's principal on the truthfulness of the materials; the result goes into the recommendation document. */
export function InterviewSection({ view, application, editable, onView }: InterviewSectionProps) {
  const [form] = Form.useForm<InterviewValues>();
  const {
    busy: saving,
    refusal,
    run: save,
  } = useAction({
    action: (input: InterviewInput) => reviewApi.saveInterview(view.applicationId, input),
    success: '谈话记录已保存',
    onDone: onView,
    fieldErrors: { form, fields: FIELDS },
  });
  const recorded = view.interview;
  const initialValues: InterviewValues = {
    heldOn: recorded ? dayjs(recorded.heldOn) : null,
    place: recorded?.place ?? '',
    officials: recorded?.officials ?? [],
    principalName: recorded?.principalName ?? application.form.principalName ?? '',
    principalTitle: recorded?.principalTitle ?? application.form.principalTitle ?? '',
    result: recorded?.result ?? '',
  };
  const submit = (v: InterviewValues) =>
    void save({
      heldOn: v.heldOn!.format('YYYY-MM-DD'),
      place: v.place.trim(),
      officials: v.officials,
      principalName: v.principalName.trim(),
      principalTitle: v.principalTitle.trim(),
      result: v.result.trim(),
    });
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Card
      size="small"
      title="与单位主要负责人当面谈话"
      className="form-card section-card"
      extra={recorded && <RecordedAt at={recorded.recordedAt} />}
    >
      <Typography.Paragraph type="secondary" className="card-note">
        就申报材料真实性与被推荐单位主要负责人当面谈话（通知第（四）条），谈话结果写入推荐文件。
      </Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} />}
      <RecordForm<InterviewValues>
        form={form}
        name="interview"
        initialValues={initialValues}
        editable={editable}
        saving={saving}
        saveLabel="保存谈话记录"
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="heldOn" label="谈话日期" rules={[{ required: true, message: '请选择谈话日期' }]}>
              <PastDatePicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="place" label="谈话地点" rules={required('请填写谈话地点')}>
              <Input maxLength={maxLengthOf(shape.place)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="principalName" label="主要负责人姓名" rules={required('请填写姓名')}>
              <Input maxLength={maxLengthOf(shape.principalName)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="principalTitle" label="主要负责人职务" rules={required('请填写职务')}>
              <Input maxLength={maxLengthOf(shape.principalTitle)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="officials"
              label="谈话人员（主管部门）"
              rules={[{ required: true, type: 'array', min: 1, message: '至少填写一人' }]}
            >
              <OfficialsSelect />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="result" label="谈话结果" rules={required('请填写谈话结果')}>
          <Input.TextArea
            rows={6}
            maxLength={maxLengthOf(shape.result)}
            showCount
            placeholder="一段话概述谈话内容与结论，将写入推荐文件"
          />
        </Form.Item>
      </RecordForm>
    </Card>
  );
}

import { SaveOutlined } from '@ant-design/icons';
import { Card, Col, ConfigProvider, DatePicker, Form, Input, Row, Typography, Button } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ApplicationView, ReviewView } from '#contract';
import { reviewApi } from '../../api/endpoints';
import { formatDateTime } from '../common/format';
import { preventImplicitSubmit } from '../common/noImplicitSubmit';
import { readOnlyTheme } from '../common/readOnlyTheme';
import { OfficialsSelect } from './OfficialsSelect';
import { RefusalAlert } from './RefusalAlert';
import { useAction } from '../common/useAction';

interface InterviewValues {
  heldOn: Dayjs | null;
  place: string;
  officials: string[];
  principalName: string;
  principalTitle: string;
  result: string;
}

const FIELDS = ['heldOn', 'place', 'officials', 'principalName', 'principalTitle', 'result'];

interface InterviewSectionProps {
  view: ReviewView;
  application: ApplicationView;
  editable: boolean;
  onView: (view: ReviewView) => void;
}

/** 当面谈话 with the unit's principal on the truthfulness of the materials; the result goes into the recommendation document. */
export function InterviewSection({ view, application, editable, onView }: InterviewSectionProps) {
  const [form] = Form.useForm<InterviewValues>();
  const { busy: saving, refusal, run: save } = useAction(onView, { form, fields: FIELDS });
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
    void save(
      () =>
        reviewApi.saveInterview(view.applicationId, {
          heldOn: v.heldOn!.format('YYYY-MM-DD'),
          place: v.place.trim(),
          officials: v.officials,
          principalName: v.principalName.trim(),
          principalTitle: v.principalTitle.trim(),
          result: v.result.trim(),
        }),
      '谈话记录已保存',
    );
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Card
      size="small"
      title="与单位主要负责人当面谈话"
      className="form-card section-card"
      extra={
        recorded && <Typography.Text type="secondary">记录于 {formatDateTime(recorded.recordedAt)}</Typography.Text>
      }
    >
      <Typography.Paragraph type="secondary" className="card-note">
        就申报材料真实性与被推荐单位主要负责人当面谈话（通知第（四）条），谈话结果写入推荐文件。
      </Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} />}
      <ConfigProvider theme={editable ? undefined : readOnlyTheme}>
        <Form<InterviewValues>
          form={form}
          name="interview"
          onKeyDown={preventImplicitSubmit}
          layout="vertical"
          initialValues={initialValues}
          disabled={!editable}
          onFinish={submit}
          requiredMark={false}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="heldOn" label="谈话日期" rules={[{ required: true, message: '请选择谈话日期' }]}>
                <DatePicker
                  format="YYYY年M月D日"
                  className="full-width"
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="place" label="谈话地点" rules={required('请填写谈话地点')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="principalName" label="主要负责人姓名" rules={required('请填写姓名')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="principalTitle" label="主要负责人职务" rules={required('请填写职务')}>
                <Input maxLength={50} />
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
              maxLength={4000}
              showCount
              placeholder="一段话概述谈话内容与结论，将写入推荐文件"
            />
          </Form.Item>
          {editable && (
            <Button type="primary" onClick={() => form.submit()} icon={<SaveOutlined />} loading={saving}>
              保存谈话记录
            </Button>
          )}
        </Form>
      </ConfigProvider>
    </Card>
  );
}

import { SaveOutlined } from '@ant-design/icons';
import { Button, Card, ConfigProvider, DatePicker, Form, Input, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReviewView } from '#contract';
import { documentUrls, reviewApi } from '../../api/endpoints';
import { formatDateTime } from '../common/format';
import { DocumentButtons } from '../documents/DocumentButtons';
import { preventImplicitSubmit } from '../common/noImplicitSubmit';
import { readOnlyTheme } from '../common/readOnlyTheme';
import { RefusalAlert } from './RefusalAlert';
import { useAction } from '../common/useAction';

interface OpinionValues {
  impact: string;
  opinion: string;
  opinionDate: Dayjs | null;
}

const FIELDS = ['impact', 'opinion', 'opinionDate'];

/** The last two parts of the 推荐表 (附件3): the platform's effect on the region's SMEs and the authority's opinion. */
export function OpinionForm({
  view,
  editable,
  onView,
}: {
  view: ReviewView;
  editable: boolean;
  onView: (view: ReviewView) => void;
}) {
  const [form] = Form.useForm<OpinionValues>();
  const { busy: saving, refusal, run: save } = useAction(onView, { form, fields: FIELDS });
  const recorded = view.opinion;
  const initialValues: OpinionValues = {
    impact: recorded?.impact ?? '',
    opinion: recorded?.opinion ?? '',
    opinionDate: recorded ? dayjs(recorded.opinionDate) : null,
  };
  const submit = (v: OpinionValues) =>
    void save(
      () =>
        reviewApi.saveOpinion(view.applicationId, {
          impact: v.impact.trim(),
          opinion: v.opinion.trim(),
          opinionDate: v.opinionDate!.format('YYYY-MM-DD'),
        }),
      '推荐意见已保存',
    );
  return (
    <Card
      size="small"
      title="推荐意见（附件3）"
      className="form-card"
      extra={
        <Space>
          {recorded && <Typography.Text type="secondary">记录于 {formatDateTime(recorded.recordedAt)}</Typography.Text>}
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
      <ConfigProvider theme={editable ? undefined : readOnlyTheme}>
        <Form<OpinionValues>
          form={form}
          name="opinion"
          onKeyDown={preventImplicitSubmit}
          layout="vertical"
          initialValues={initialValues}
          disabled={!editable}
          onFinish={submit}
          requiredMark={false}
        >
          <Form.Item
            name="impact"
            label="对区域中小企业发展的影响和作用"
            rules={[{ required: true, whitespace: true, message: '请填写' }]}
          >
            <Input.TextArea rows={5} maxLength={4000} showCount />
          </Form.Item>
          <Form.Item
            name="opinion"
            label="推荐意见"
            rules={[{ required: true, whitespace: true, message: '请填写推荐意见' }]}
          >
            <Input.TextArea rows={4} maxLength={4000} showCount />
          </Form.Item>
          <Form.Item name="opinionDate" label="日期（盖章日期）" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker format="YYYY年M月D日" className="date-picker" />
          </Form.Item>
          {editable && (
            <Button type="primary" onClick={() => form.submit()} icon={<SaveOutlined />} loading={saving}>
              保存推荐意见
            </Button>
          )}
        </Form>
      </ConfigProvider>
    </Card>
  );
}

import '../features/publicity/publicity.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Form, Input, Spin, Typography } from 'antd';
import type { CityObjection } from '#contract';
import { cityObjectionApi, publicityKeys } from '../api/publicity-api';
import { failureOf } from '../features/common/failureOf';
import { formatDateTime } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { RefusalAlert } from '../features/common/RefusalAlert';
import { useAction } from '../features/common/useAction';
import { ObjectionStatusTag } from '../features/publicity/PublicityWindow';

/** One objection the province asked the city about: the grounds and the question, and the city's answer. */
function CityObjectionCard({ objection }: { objection: CityObjection }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const respond = useAction({
    action: ({ text }: { text: string }) => cityObjectionApi.respond(objection.id, text),
    success: '答复已提交省厅',
    onDone: () => void queryClient.invalidateQueries({ queryKey: publicityKeys.cityObjections }),
    fieldErrors: { form, fields: ['text'] },
  });
  return (
    <Card
      size="small"
      className="form-card city-objection"
      title={`异议 ${objection.receiptNumber}`}
      extra={<ObjectionStatusTag objection={objection} />}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="涉及平台">{objection.platformName}</Descriptions.Item>
        <Descriptions.Item label="异议理由">
          <span className="objection-text">{objection.grounds}</span>
        </Descriptions.Item>
        <Descriptions.Item label="省厅请说明">
          <span className="objection-text">{objection.question}</span>
        </Descriptions.Item>
        <Descriptions.Item label="提出时间">{formatDateTime(objection.requestedAt)}</Descriptions.Item>
        {objection.response && (
          <Descriptions.Item label="本市答复">
            <span className="objection-text">{objection.response}</span>（{formatDateTime(objection.respondedAt)}）
          </Descriptions.Item>
        )}
      </Descriptions>
      {!objection.response && objection.status === 'open' && (
        <Form
          form={form}
          name={`response-${objection.id}`}
          layout="vertical"
          onFinish={(values) => void respond.run(values)}
        >
          {respond.refusal && <RefusalAlert refusal={respond.refusal} onClose={respond.clearRefusal} />}
          <Form.Item
            name="text"
            label="答复"
            extra="请写明核查情况和结论，提交后不能修改。"
            rules={[{ required: true, whitespace: true, message: '须填写' }]}
          >
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={respond.busy}>
            提交答复
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** 公示异议 (the city): the objections about the platforms it recommended on which the province asked it. */
export function CityObjectionsPage() {
  const list = useQuery({
    queryKey: publicityKeys.cityObjections,
    queryFn: ({ signal }) => cityObjectionApi.list(signal),
  });
  const loadFailure = failureOf(list);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!list.data) return <Spin size="large" className="page-spin" description="正在加载异议…" />;
  return (
    <div className="narrow-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          公示异议
        </Typography.Title>
        <Typography.Text type="secondary">
          省厅就本市推荐平台的公示异议请本市核查说明的事项。异议人的姓名和联系方式不向市级提供。
        </Typography.Text>
      </div>
      {list.data.length === 0 ? (
        <Empty description="省厅尚未请本市说明异议" />
      ) : (
        list.data.map((o) => <CityObjectionCard key={o.id} objection={o} />)
      )}
    </div>
  );
}

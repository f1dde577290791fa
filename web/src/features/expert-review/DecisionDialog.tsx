import { Descriptions, Form, Input, Radio } from 'antd';
import { reviewDecisionLabels, type AggregatedApplicationView, type DecisionInput } from '#contract';
import { roundScoreApi } from '../../api/expert-review-api';
import { FormDialog } from '../common/FormDialog';

const decisionOptions = (Object.keys(reviewDecisionLabels) as DecisionInput['decision'][]).map((value) => ({
  value,
  label: reviewDecisionLabels[value],
}));

/** The application's name in the province's list: its neutral label and the operating unit. */
export const applicationTitle = (a: AggregatedApplicationView) => `${a.label ? `${a.label} ` : ''}${a.unitName}`;

/**
 * 评审结论 of one application: 建议认定 or 不建议 with a reason (the server requires it for 不建议 and answers at the
 * field); the scores it rests on shown above. A later decision replaces the earlier one.
 */
export function DecisionDialog({
  roundId,
  application,
  onClose,
  onDone,
}: {
  roundId: string;
  application: AggregatedApplicationView;
  onClose: () => void;
  onDone: () => void;
}) {
  const { statistics, verdict, decision } = application;
  return (
    <FormDialog<{ decision?: DecisionInput['decision']; reason?: string }>
      title={`评审结论：${applicationTitle(application)}`}
      okText="保存结论"
      name="review-decision"
      initialValues={decision ? { decision: decision.decision, reason: decision.reason } : {}}
      intro={
        <Descriptions size="small" column={1} className="decision-basis">
          <Descriptions.Item label="平台名称">{application.platformName}</Descriptions.Item>
          <Descriptions.Item label="已提交评分">
            {`${statistics.count}份，平均分${statistics.mean ?? '—'}，极差${statistics.range ?? '—'}`}
          </Descriptions.Item>
          <Descriptions.Item label="合格判定">{verdict?.reason ?? '暂无已提交的评分'}</Descriptions.Item>
        </Descriptions>
      }
      action={(v) =>
        roundScoreApi.decide(roundId, application.applicationId, {
          decision: v.decision!,
          reason: (v.reason ?? '').trim(),
        })
      }
      success="评审结论已保存"
      onClose={onClose}
      onDone={onDone}
      fields={['decision', 'reason']}
    >
      <Form.Item name="decision" label="评审结论" rules={[{ required: true, message: '请选择评审结论' }]}>
        <Radio.Group options={decisionOptions} />
      </Form.Item>
      <Form.Item name="reason" label="理由" extra="选择“不建议”时必须填写理由">
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </FormDialog>
  );
}

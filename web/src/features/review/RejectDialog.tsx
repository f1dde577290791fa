import { Form, Input, Modal, Typography } from 'antd';
import { rejectInputSchema, type ReviewView } from '#contract';
import { reviewApi } from '../../api/endpoints';
import { maxLengthOf } from '../common/schemaRules';
import { useAction } from '../common/useAction';
import { RefusalAlert } from '../common/RefusalAlert';

interface RejectDialogProps {
  open: boolean;
  view: ReviewView;
  onClose: () => void;
  onView: (view: ReviewView) => void;
}

/** 不予推荐 with the reason the applicant will read. */
export function RejectDialog({ open, view, onClose, onView }: RejectDialogProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const {
    busy: sending,
    refusal,
    run,
  } = useAction({
    action: (reason: string) => reviewApi.reject(view.applicationId, reason),
    success: '已决定不予推荐',
    onDone: onView,
  });

  const send = ({ reason }: { reason: string }) => run(reason.trim()).then((done) => done && onClose());

  return (
    <Modal
      open={open}
      title="不予推荐"
      okText="确定不予推荐"
      okButtonProps={{ danger: true, loading: sending }}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">申报单位将看到不予推荐的理由。此决定结束本次审核。</Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form form={form} name="reject" layout="vertical" onFinish={(values) => void send(values)} requiredMark={false}>
        <Form.Item
          name="reason"
          label="不予推荐理由"
          rules={[{ required: true, whitespace: true, message: '请填写理由' }]}
        >
          <Input.TextArea rows={4} maxLength={maxLengthOf(rejectInputSchema.shape.reason)} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

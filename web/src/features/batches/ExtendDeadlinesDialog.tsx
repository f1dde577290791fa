import { Form, Input, Modal } from 'antd';
import type { AdminBatchView, ExtendBatchDeadlinesInput } from '#contract';
import { batchAdminApi } from '../../api/admin-batches-api';
import { RefusalAlert } from '../common/RefusalAlert';
import { useAction } from '../common/useAction';
import { InstantPicker } from './pickers';

type ExtendValues = Omit<ExtendBatchDeadlinesInput, 'version'>;

interface ExtendDeadlinesDialogProps {
  batch: AdminBatchView;
  open: boolean;
  onClose: () => void;
  onDone: (batch: AdminBatchView) => void;
}

/** 延长截止时间: a published batch's deadlines move only later, with a reason every user of the batch reads. */
export function ExtendDeadlinesDialog({ batch, open, onClose, onDone }: ExtendDeadlinesDialogProps) {
  const [form] = Form.useForm<ExtendValues>();
  const { busy, refusal, clearRefusal, run } = useAction({
    action: (values: ExtendValues) => batchAdminApi.extendDeadlines(batch.id, { ...values, version: batch.version }),
    success: '截止时间已延长',
    onDone,
    fieldErrors: { form, fields: ['applicationDeadline', 'cityDeadline', 'reason'] },
  });

  return (
    <Modal
      open={open}
      title="延长截止时间"
      okText="延长"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => form.submit()}
      afterOpenChange={(visible) => !visible && clearRefusal()}
    >
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form
        form={form}
        name="extend-deadlines"
        layout="vertical"
        preserve={false}
        initialValues={{
          applicationDeadline: batch.config.applicationDeadline,
          cityDeadline: batch.config.cityDeadline,
          reason: '',
        }}
        onFinish={(values) => void run(values).then((done) => done && onClose())}
      >
        <Form.Item name="applicationDeadline" label="申报截止时间（北京时间）">
          <InstantPicker clearable />
        </Form.Item>
        <Form.Item
          name="cityDeadline"
          label="市级报送截止时间（北京时间）"
          rules={[{ required: true, message: '请选择市级报送截止时间' }]}
        >
          <InstantPicker />
        </Form.Item>
        <Form.Item
          name="reason"
          label="延期原因"
          extra="截止时间只能推迟；原因将向该批次的全部用户公示。"
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写延期原因' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

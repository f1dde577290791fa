import { Form, InputNumber, Modal, Select } from 'antd';
import type { AdminBatchView, CreateBatchInput } from '#contract';
import { batchAdminApi } from '../../api/admin-batches-api';
import { RefusalAlert } from '../common/RefusalAlert';
import { useAction } from '../common/useAction';

interface CopyBatchDialogProps {
  open: boolean;
  batches: AdminBatchView[];
  onClose: () => void;
  onCreated: (batch: AdminBatchView) => void;
}

/**
 * 复制为新批次: a source batch (by default the latest published one) and the new year (by default the year after
 * every batch's); the server moves the dates by the years between.
 */
export function CopyBatchDialog({ open, batches, onClose, onCreated }: CopyBatchDialogProps) {
  const [form] = Form.useForm<CreateBatchInput>();
  const latest =
    batches.filter((b) => !b.isDemo && b.status === 'published').sort((a, b) => b.year - a.year)[0] ?? batches[0];
  const nextYear = batches.length > 0 ? Math.max(...batches.map((b) => b.year)) + 1 : undefined;
  const { busy, refusal, clearRefusal, run } = useAction({
    action: (input: CreateBatchInput) => batchAdminApi.create(input),
    success: (batch) => `已创建 ${batch.label}`,
    onDone: onCreated,
    fieldErrors: { form, fields: ['fromBatchId', 'year'] },
  });

  return (
    <Modal
      open={open}
      title="复制为新批次"
      okText="复制"
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
        name="copy-batch"
        layout="vertical"
        preserve={false}
        initialValues={{ fromBatchId: latest?.id, year: nextYear }}
        onFinish={(values) => void run(values).then((done) => done && onClose())}
      >
        <Form.Item
          name="fromBatchId"
          label="复制来源批次"
          rules={[{ required: true, message: '请选择复制来源批次' }]}
          extra="新批次沿用来源批次的全部配置；标题中的年度改为新年度，各日期按相差的年数顺延，发布前须逐项核定。"
        >
          <Select options={batches.map((b) => ({ value: b.id, label: `${b.label}（${b.id}）` }))} />
        </Form.Item>
        <Form.Item name="year" label="新批次年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

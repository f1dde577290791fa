import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CityPackageView } from '#contract';
import { provinceApi } from '../../api/endpoints';
import { beijingIso } from '../common/format';
import { preventImplicitSubmit } from '../common/noImplicitSubmit';
import { useAction } from '../common/useAction';
import { RefusalAlert } from '../review/RefusalAlert';

export interface PackageTarget {
  authorityCode: string;
  name: string;
}

interface DialogProps {
  target: PackageTarget | null;
  onClose: () => void;
  onDone: (pkg: CityPackageView) => void;
}

/** Runs a province action; the dialog closes on its answer. */
function useSend(onDone: DialogProps['onDone'], onClose: () => void) {
  const { busy: sending, refusal, run } = useAction<CityPackageView>(onDone);
  const send = (action: () => Promise<CityPackageView>, success: string) =>
    run(action, success).then((done) => done && onClose());
  return { sending, refusal, send };
}

/** 退回: the city sees the remarks on its package page and may resubmit before the deadline or inside an exception. */
export function ReturnPackageDialog({ target, onClose, onDone }: DialogProps) {
  const [form] = Form.useForm<{ remarks: string }>();
  const { sending, refusal, send } = useSend(onDone, onClose);
  return (
    <Modal
      open={target !== null}
      title={`退回${target?.name ?? ''}推荐材料`}
      okText="退回"
      okButtonProps={{ danger: true, loading: sending }}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        退回后该市可修改并在截止时间前（或特批期限内）重新报送。
      </Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form
        form={form}
        name="packageReturn"
        layout="vertical"
        requiredMark={false}
        onFinish={({ remarks }) =>
          target && void send(() => provinceApi.returnPackage(target.authorityCode, remarks.trim()), '已退回')
        }
      >
        <Form.Item
          name="remarks"
          label="退回意见"
          rules={[{ required: true, whitespace: true, message: '请填写退回意见' }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ExceptionValues {
  reason: string;
  endsAt: Dayjs | null;
}

/** 特批延期: one city, by name, with a reason and an end time. */
export function ExceptionDialog({ target, onClose, onDone }: DialogProps) {
  const [form] = Form.useForm<ExceptionValues>();
  const { sending, refusal, send } = useSend(onDone, onClose);
  return (
    <Modal
      open={target !== null}
      title={`特批延期：${target?.name ?? ''}`}
      okText="批准延期"
      okButtonProps={{ loading: sending }}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">仅对该市有效；期限内可报送或重新报送推荐材料。</Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form<ExceptionValues>
        form={form}
        name="packageException"
        onKeyDown={preventImplicitSubmit}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          target &&
          void send(
            () => provinceApi.grantException(target.authorityCode, v.reason.trim(), beijingIso(v.endsAt!)),
            `已批准${target.name}延期`,
          )
        }
      >
        <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="endsAt" label="延至（北京时间）" rules={[{ required: true, message: '请选择截止时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY年M月D日 HH:mm" className="full-width" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

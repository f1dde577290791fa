import { CheckCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Modal, Popconfirm, Typography, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { exceptionInputSchema, packageReturnInputSchema, type CityPackageView } from '#contract';
import { provinceApi } from '../../api/endpoints';
import { useOfficialBatch } from '../../app/officialBatch';
import { provincePackageChanged, queryKeys } from '../../app/queries';
import { beijingIso } from '../common/format';
import { preventImplicitSubmit } from '../common/noImplicitSubmit';
import { useAction } from '../common/useAction';
import { RefusalAlert } from '../common/RefusalAlert';
import { fieldsOf, maxLengthOf } from '../common/schemaRules';

export interface PackageTarget {
  authorityCode: string;
  name: string;
}

interface DialogProps {
  target: PackageTarget | null;
  onClose: () => void;
}

const RETURN_FIELDS = fieldsOf(packageReturnInputSchema);
const EXCEPTION_FIELDS = fieldsOf(exceptionInputSchema);

/**
 * Runs a province action on the target's package: the package and the board show its answer; the dialog
 * closes on it. A refusal of a field is shown on that field of the dialog's form.
 */
function useSend<V>(
  target: PackageTarget | null,
  request: (authorityCode: string, values: V, batch: string | undefined) => Promise<CityPackageView>,
  success: string,
  onClose: () => void,
  fieldErrors: { form: FormInstance; fields: readonly string[] },
) {
  const queryClient = useQueryClient();
  const batch = useOfficialBatch();
  const {
    busy: sending,
    refusal,
    run,
  } = useAction({
    action: ({ authorityCode, values }: { authorityCode: string; values: V }) => request(authorityCode, values, batch),
    success,
    onDone: (pkg) => provincePackageChanged(queryClient, pkg, batch),
    fieldErrors,
  });
  const send = (values: V) =>
    target && void run({ authorityCode: target.authorityCode, values }).then((done) => done && onClose());
  return { sending, refusal, send };
}

/** 退回: the city sees the remarks on its package page and may resubmit before the deadline or inside an exception. */
export function ReturnPackageDialog({ target, onClose }: DialogProps) {
  const [form] = Form.useForm<{ remarks: string }>();
  const { sending, refusal, send } = useSend(
    target,
    (authorityCode, remarks: string, batch) => provinceApi.returnPackage(authorityCode, remarks, batch),
    '已退回',
    onClose,
    { form, fields: RETURN_FIELDS },
  );
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
        onFinish={({ remarks }) => send(remarks.trim())}
      >
        <Form.Item
          name="remarks"
          label="退回意见"
          rules={[{ required: true, whitespace: true, message: '请填写退回意见' }]}
        >
          <Input.TextArea rows={4} maxLength={maxLengthOf(packageReturnInputSchema.shape.remarks)} showCount />
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
export function ExceptionDialog({ target, onClose }: DialogProps) {
  const [form] = Form.useForm<ExceptionValues>();
  const { sending, refusal, send } = useSend(
    target,
    (authorityCode, { reason, endsAt }: { reason: string; endsAt: string }, batch) =>
      provinceApi.grantException(authorityCode, reason, endsAt, batch),
    `已批准${target?.name ?? ''}延期`,
    onClose,
    { form, fields: EXCEPTION_FIELDS },
  );
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
        onFinish={(v) => send({ reason: v.reason.trim(), endsAt: beijingIso(v.endsAt!) })}
      >
        <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
          <Input.TextArea rows={3} maxLength={maxLengthOf(exceptionInputSchema.shape.reason)} showCount />
        </Form.Item>
        <Form.Item name="endsAt" label="延至（北京时间）" rules={[{ required: true, message: '请选择截止时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY年M月D日 HH:mm" className="full-width" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A submitted version of a city's package, as the province saw it. */
export interface AcceptTarget extends PackageTarget {
  version: number;
}

/**
 * 受理: the package and the board show the answer. A refusal (accepted by someone else, returned, submitted
 * again meanwhile) reloads both, so the state shown is the one that refused.
 */
export function useAcceptPackage() {
  const queryClient = useQueryClient();
  const batch = useOfficialBatch();
  const { busy, pending, refusal, clearRefusal, run } = useAction({
    action: ({ authorityCode, version }: AcceptTarget) => provinceApi.acceptPackage(authorityCode, version, batch),
    success: (_pkg, target) => `已受理${target.name}推荐材料`,
    onDone: (pkg) => provincePackageChanged(queryClient, pkg, batch),
  });
  const accept = async (target: AcceptTarget) => {
    if ((await run(target)) !== null) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.provincePackage(target.authorityCode, batch) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.board(batch) });
  };
  return { accepting: busy ? (pending?.authorityCode ?? null) : null, refusal, clearRefusal, accept };
}

interface AcceptButtonProps {
  target: AcceptTarget;
  busy: boolean;
  onAccept: (target: AcceptTarget) => void;
  /** The board's row button is a link; the package page's a primary button. */
  compact?: boolean;
}

/** 受理 after a confirmation that takes focus (its OK button), like every confirm in the app. */
export function AcceptPackageButton({ target, busy, onAccept, compact = false }: AcceptButtonProps) {
  return (
    <Popconfirm
      okButtonProps={{ autoFocus: true }}
      title={`受理${target.name}推荐材料？`}
      description={`受理第 ${target.version} 次报送的推荐材料。受理后不能退回，该市也不能再报送。`}
      okText="受理"
      cancelText="取消"
      onConfirm={() => onAccept(target)}
    >
      <Button
        size={compact ? 'small' : 'middle'}
        type={compact ? 'link' : 'primary'}
        icon={compact ? undefined : <CheckCircleOutlined />}
        loading={busy}
        data-testid={`accept-package-${target.authorityCode}`}
      >
        受理
      </Button>
    </Popconfirm>
  );
}

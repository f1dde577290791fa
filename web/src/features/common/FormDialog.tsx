import { Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { RefusalAlert } from './RefusalAlert';
import { useAction } from './useAction';

/**
 * One step as a dialog: the form, the server's refusal above it, the action run on submit (closing
 * the dialog through `onDone` once it is answered).
 */
export function FormDialog<V extends object>({
  title,
  okText,
  danger = false,
  name,
  intro,
  initialValues,
  action,
  success,
  onClose,
  onDone,
  fields,
  children,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  name: string;
  intro?: ReactNode;
  initialValues?: Partial<V>;
  action: (values: V) => Promise<unknown>;
  success: string;
  onClose: () => void;
  onDone: () => void;
  /** Fields whose server errors are shown at the field (the rest in the alert). */
  fields?: string[];
  children: ReactNode;
}) {
  const [form] = Form.useForm<V>();
  const { busy, refusal, run } = useAction({ action, success, onDone, fieldErrors: fields && { form, fields } });
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger, loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {intro}
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form<V> form={form} layout="vertical" name={name} initialValues={initialValues} onFinish={(v) => void run(v)}>
        {children}
      </Form>
    </Modal>
  );
}

import { Button, Form, Input, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { TOTP_CODE_MAX_LENGTH, TOTP_CODE_RULES, totpCodeOf } from './totpCode';

interface TotpCodeFormProps {
  form: FormInstance<{ code: string }>;
  busy: boolean;
  /** The page's main action is drawn as the primary button. */
  primary?: boolean;
  /** The button's text. */
  children: ReactNode;
  /** The code as sent: without spaces. */
  onCode: (code: string) => void;
}

/** One line: the current code of the authenticator app, and the button that sends it. */
export function TotpCodeForm({ form, busy, primary = false, children, onCode }: TotpCodeFormProps) {
  return (
    <Form form={form} layout="inline" requiredMark={false} onFinish={({ code }) => onCode(totpCodeOf(code))}>
      <Form.Item name="code" rules={TOTP_CODE_RULES}>
        <Input
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={TOTP_CODE_MAX_LENGTH}
          placeholder="6位动态口令"
          aria-label="动态口令"
        />
      </Form.Item>
      <Button type={primary ? 'primary' : undefined} htmlType="submit" loading={busy}>
        {children}
      </Button>
    </Form>
  );
}

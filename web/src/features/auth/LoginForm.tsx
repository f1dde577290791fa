import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, type FormInstance } from 'antd';
import { useState } from 'react';
import type { SessionView } from '../../../../shared/src/index.js';
import { sessionApi } from '../../api/endpoints';

export interface LoginValues {
  username: string;
  password: string;
}

interface LoginFormProps {
  form: FormInstance<LoginValues>;
  onSignedIn: (session: SessionView) => void;
}

export function LoginForm({ form, onSignedIn }: LoginFormProps) {
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const login = async ({ username, password }: LoginValues) => {
    setPending(true);
    setRefusal(null);
    try {
      onSignedIn(await sessionApi.login(username.trim(), password));
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : '登录失败');
    } finally {
      setPending(false);
    }
  };

  return (
    <Form<LoginValues> form={form} name="login" layout="vertical" onFinish={(values) => void login(values)} requiredMark={false}>
      {refusal && <Alert type="error" showIcon title={refusal} className="form-alert" />}
      <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" size="large" />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={pending}>
        登录
      </Button>
    </Form>
  );
}

import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router-dom';
import { changePasswordInputSchema } from '#contract';
import { ownAccountApi } from '../api/endpoints';
import { homePathFor, useSession } from '../app/session';
import { newPasswordRules, repeatedPasswordRules } from '../features/auth/passwordRules';
import { fieldsOf } from '../features/common/schemaRules';
import { useAction } from '../features/common/useAction';
import { RefusalAlert } from '../features/common/RefusalAlert';

interface PasswordValues {
  oldPassword: string;
  newPassword: string;
  newPasswordAgain: string;
}

const FIELDS = fieldsOf(changePasswordInputSchema);

/**
 * 修改密码, from the user menu; and the one page a user signed in with a one-time password can reach
 * until they have replaced it. The other sessions of the user end; this one stays.
 */
export function ChangePasswordPage() {
  const { session, refresh } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordValues>();
  const user = session.user;
  const { busy, refusal, run } = useAction({
    action: ({ oldPassword, newPassword }: PasswordValues) => ownAccountApi.changePassword(oldPassword, newPassword),
    success: '密码已修改',
    fieldErrors: { form, fields: FIELDS },
  });

  if (!user) return <Navigate to="/login" replace />;
  const forced = user.mustChangePassword;

  const change = async (values: PasswordValues) => {
    const done = await run(values);
    if (done === null) return;
    await refresh();
    navigate(homePathFor(user.role), { replace: true });
  };

  return (
    <div className="password-page">
      <Card
        className="password-card"
        title={
          <Typography.Title level={1} style={{ fontSize: 16, margin: 0 }}>
            <LockOutlined /> {forced ? '设置新密码' : '修改密码'}
          </Typography.Title>
        }
      >
        {forced && (
          <Alert
            type="warning"
            showIcon
            className="form-alert"
            title="您正在使用一次性密码登录"
            description="一次性密码由管理员生成，须先设置自己的新密码才能继续使用系统。"
          />
        )}
        {refusal && <RefusalAlert refusal={refusal} />}
        <Form<PasswordValues>
          form={form}
          name="change-password"
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void change(values)}
        >
          <Form.Item
            name="oldPassword"
            label={forced ? '一次性密码' : '当前密码'}
            rules={[{ required: true, message: '须填写' }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            extra="至少8位，包含大写字母、小写字母、数字、符号中的至少三类；不能与最近5次使用过的密码相同"
            rules={newPasswordRules}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="newPasswordAgain"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={repeatedPasswordRules('newPassword', '须填写')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {forced ? '设置新密码并继续' : '修改密码'}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-hint">
          修改后，您在其他设备或浏览器上的登录将全部退出。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

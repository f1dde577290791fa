import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { notificationsApi } from '../../api/notifications-api';
import { queryKeys } from '../../app/queries';
import { RefusalAlert } from '../common/RefusalAlert';
import { useAction } from '../common/useAction';
import { notificationQueries } from './notificationQueries';

/** The address the user's notifications are also emailed to (when the system has a mail server). */
export function NotificationEmailForm() {
  const [form] = Form.useForm<{ email: string }>();
  const queryClient = useQueryClient();
  const { data } = useQuery(notificationQueries.email());
  useEffect(() => form.setFieldsValue({ email: data?.email ?? '' }), [data, form]);
  const save = useAction({
    action: ({ email }: { email: string }) => notificationsApi.setEmail({ email: email.trim() || null }),
    success: (r) => (r.email ? '已保存邮件提醒地址' : '已取消邮件提醒'),
    onDone: (r) => queryClient.setQueryData(queryKeys.notificationEmail, r),
    fieldErrors: { form, fields: ['email'] },
  });
  return (
    <Form form={form} layout="vertical" className="notification-email" onFinish={(v) => void save.run(v)}>
      <Form.Item
        label="邮件提醒"
        htmlFor="notification-email"
        extra={<Typography.Text type="secondary">填写后，通知也会发送到此邮箱；留空则只在系统内提醒。</Typography.Text>}
      >
        <Space.Compact block>
          <Form.Item name="email" noStyle>
            <Input
              id="notification-email"
              type="email"
              autoComplete="email"
              placeholder="name@example.cn"
              maxLength={254}
            />
          </Form.Item>
          <Button htmlType="submit" loading={save.busy}>
            保存
          </Button>
        </Space.Compact>
      </Form.Item>
      {save.refusal && <RefusalAlert refusal={save.refusal} />}
    </Form>
  );
}

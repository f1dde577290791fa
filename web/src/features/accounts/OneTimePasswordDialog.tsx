import { CopyOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Modal, Space, Typography } from 'antd';
import type { OneTimePasswordView } from '#contract';

interface OneTimePasswordDialogProps {
  /** The answer that carried the password; null when the dialog is closed. */
  issued: OneTimePasswordView | null;
  /** What happened, e.g. 账号已创建 or 密码已重置. */
  title: string;
  onClose: () => void;
}

/**
 * The one-time password, shown once: the server keeps only its hash, so after this dialog closes nobody
 * can see it again (a new reset is the only way). It is to be handed over in person or by a channel
 * the official trusts; its holder must change it at the first login.
 */
export function OneTimePasswordDialog({ issued, title, onClose }: OneTimePasswordDialogProps) {
  const { message } = App.useApp();

  const copy = async () => {
    if (!issued) return;
    try {
      await navigator.clipboard.writeText(issued.oneTimePassword);
      message.success('一次性密码已复制');
    } catch {
      message.warning('浏览器不允许自动复制，请选中密码后按 Ctrl+C 复制');
    }
  };

  return (
    <Modal
      open={issued !== null}
      title={
        <Space>
          <KeyOutlined />
          {title}
        </Space>
      }
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下，关闭
        </Button>
      }
      destroyOnHidden
    >
      {issued && (
        <div className="one-time-password" data-testid="one-time-password-dialog">
          <Alert
            type="warning"
            showIcon
            className="form-alert"
            title="此密码只显示这一次"
            description="关闭后任何人（包括管理员）都无法再次查看，只能重新重置。请当面或通过可靠渠道交给本人；首次登录后系统会要求立即修改。"
          />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="用户名">
              <span className="mono">{issued.account.username}</span>
            </Descriptions.Item>
            <Descriptions.Item label="名称">{issued.account.displayName}</Descriptions.Item>
            <Descriptions.Item label="一次性密码">
              <Space wrap>
                <Typography.Text className="mono one-time-password-value" data-testid="one-time-password">
                  {issued.oneTimePassword}
                </Typography.Text>
                <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()}>
                  复制
                </Button>
              </Space>
            </Descriptions.Item>
          </Descriptions>
        </div>
      )}
    </Modal>
  );
}

import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Spin, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { totpConfirmInputSchema, type TotpEnrolmentView } from '#contract';
import { secondFactorApi } from '../api/endpoints';
import { queries, queryKeys } from '../app/queries';
import { homePathFor, useSession } from '../app/session';
import { RecoveryCodes } from '../features/auth/RecoveryCodes';
import { TotpCodeForm } from '../features/auth/TotpCodeForm';
import { failureOf } from '../features/common/failureOf';
import { formatDateTime } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { RefusalAlert } from '../features/common/RefusalAlert';
import { fieldsOf } from '../features/common/schemaRules';
import { useAction } from '../features/common/useAction';

const CODE_FIELDS = fieldsOf(totpConfirmInputSchema);

/** The secret in groups of four, as apps ask for it when typed in by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)!.join(' ');

/**
 * 动态口令 (双因素认证): enrolment — QR code or the secret typed in, confirmed with a code — the recovery
 * codes shown once, and new recovery codes for a current code. A user who must have a second factor is
 * sent here after login until it is enrolled (the server allows nothing else).
 */
export function AccountSecurityPage() {
  const { session, refresh } = useSession();
  const navigate = useNavigate();
  const user = session.user;
  const queryClient = useQueryClient();
  const status = useQuery({ ...queries.secondFactor(), enabled: Boolean(user && !user.mustChangePassword) });
  const [enrolment, setEnrolment] = useState<TotpEnrolmentView | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [confirmForm] = Form.useForm<{ code: string }>();
  const [regenerateForm] = Form.useForm<{ code: string }>();

  const start = useAction({ action: () => secondFactorApi.start(), success: '已生成绑定二维码', onDone: setEnrolment });
  const confirm = useAction({
    action: (code: string) => secondFactorApi.confirm(code),
    success: '动态口令已启用',
    onDone: (r) => setRecoveryCodes(r.recoveryCodes),
    fieldErrors: { form: confirmForm, fields: CODE_FIELDS },
  });
  const regenerate = useAction({
    action: (code: string) => secondFactorApi.regenerateRecoveryCodes(code),
    success: '已生成新的恢复码',
    onDone: (r) => setRecoveryCodes(r.recoveryCodes),
    fieldErrors: { form: regenerateForm, fields: CODE_FIELDS },
  });

  if (!user) return <Navigate to="/login" replace />;
  if (user.mustChangePassword) return <Navigate to="/account/password" replace />;
  const forced = user.totpRequired && !user.totpEnrolled;
  const loadFailure = failureOf(status);

  const done = async () => {
    setRecoveryCodes(null);
    setEnrolment(null);
    regenerateForm.resetFields();
    await refresh();
    if (forced) navigate(homePathFor(user.role), { replace: true });
    else void queryClient.invalidateQueries({ queryKey: queryKeys.secondFactor });
  };

  if (recoveryCodes) {
    return (
      <div className="account-security-page">
        <RecoveryCodes username={user.username} codes={recoveryCodes} onDone={() => void done()} />
      </div>
    );
  }

  return (
    <div className="account-security-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          <SafetyCertificateOutlined /> 动态口令（双因素认证）
        </Typography.Title>
        <Typography.Text type="secondary">
          登录时除密码外，还须输入手机身份验证器应用中每30秒变化一次的6位动态口令；即使密码泄露，他人也无法登录。
        </Typography.Text>
      </div>
      {forced && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title="您的账号须启用动态口令"
          description="按照等级保护要求，省厅、管理员以及要求双因素认证的市级主管部门账号，须绑定动态口令后才能使用系统。"
        />
      )}
      {loadFailure ? (
        <LoadFailure {...loadFailure} />
      ) : !status.data ? (
        <Spin />
      ) : status.data.enrolled ? (
        <>
          <Card className="form-card" title="当前状态">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="动态口令">
                <Tag color="green">已启用</Tag> 自 {formatDateTime(status.data.enabledAt)}
              </Descriptions.Item>
              <Descriptions.Item label="可用恢复码">{status.data.recoveryCodesLeft} 个</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" className="login-hint">
              更换手机或遗失验证器时，请用恢复码登录后联系安全管理员重置动态口令，再重新绑定。
            </Typography.Paragraph>
          </Card>
          <Card className="form-card" title="重新生成恢复码">
            <Typography.Paragraph type="secondary">
              生成后，原有恢复码全部作废。请输入验证器中当前的动态口令：
            </Typography.Paragraph>
            {regenerate.refusal && <RefusalAlert refusal={regenerate.refusal} onClose={regenerate.clearRefusal} />}
            <TotpCodeForm form={regenerateForm} busy={regenerate.busy} onCode={(code) => void regenerate.run(code)}>
              重新生成恢复码
            </TotpCodeForm>
          </Card>
        </>
      ) : (
        <Card className="form-card" title="绑定动态口令">
          {start.refusal && <RefusalAlert refusal={start.refusal} onClose={start.clearRefusal} />}
          {!enrolment ? (
            <>
              <Typography.Paragraph>
                请先在手机上安装任一身份验证器应用，如“腾讯身份验证器”（微信小程序）、Microsoft Authenticator、Google
                Authenticator、FreeOTP 等。
              </Typography.Paragraph>
              <Button type="primary" loading={start.busy} onClick={() => void start.run()}>
                {status.data.pending ? '重新开始绑定' : '开始绑定'}
              </Button>
            </>
          ) : (
            <Steps
              direction="vertical"
              current={2}
              items={[
                {
                  title: '安装身份验证器应用',
                  description: '腾讯身份验证器、Microsoft Authenticator、Google Authenticator 等均可。',
                },
                {
                  title: '用应用扫描二维码',
                  description: (
                    <div className="totp-enrolment">
                      <img
                        src={enrolment.qrCode}
                        alt="动态口令绑定二维码"
                        width={220}
                        height={220}
                        className="totp-qr"
                      />
                      <div>
                        <Typography.Paragraph type="secondary">
                          无法扫码时，可在应用中选择“手动输入密钥”，账号填写 {user.username}，密钥为（基于时间）：
                        </Typography.Paragraph>
                        <Typography.Paragraph
                          copyable={{ text: enrolment.secret }}
                          className="totp-secret"
                          data-testid="totp-secret"
                        >
                          {grouped(enrolment.secret)}
                        </Typography.Paragraph>
                      </div>
                    </div>
                  ),
                },
                {
                  title: '输入应用中显示的6位动态口令',
                  description: (
                    <>
                      {confirm.refusal && <RefusalAlert refusal={confirm.refusal} onClose={confirm.clearRefusal} />}
                      <TotpCodeForm
                        form={confirmForm}
                        busy={confirm.busy}
                        primary
                        onCode={(code) => void confirm.run(code)}
                      >
                        确认绑定
                      </TotpCodeForm>
                    </>
                  ),
                },
              ]}
            />
          )}
        </Card>
      )}
    </div>
  );
}

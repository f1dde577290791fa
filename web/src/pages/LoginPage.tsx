import { AuditOutlined, FormOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Form, Row, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { Role, SessionView } from '#contract';
import { lazyNamed } from '../app/lazyNamed';
import { queries } from '../app/queries';
import { homePathFor, useSession } from '../app/session';
import { LoginForm, type LoginValues } from '../features/auth/LoginForm';

/** Demo mode only: its table is not part of the login page's own code. */
const DemoAccounts = lazyNamed(() => import('../features/auth/DemoAccounts'), 'DemoAccounts');

function Welcome() {
  return (
    <div className="login-welcome">
      <Typography.Title level={1} style={{ fontSize: 30 }}>
        中小企业公共服务示范平台申报
      </Typography.Title>
      <Typography.Paragraph>
        平台运营单位在线填报申报书、上传证明材料，提交所在省辖市（济源示范区）中小企业主管部门审核推荐；
        市级主管部门逐项审核后报送省工业和信息化厅。
      </Typography.Paragraph>
      <Space orientation="vertical" size="middle">
        <Link to="/precheck">
          <FormOutlined /> 申报条件自测（无需登录）
        </Link>
        <Link to="/register">
          <AuditOutlined /> 平台运营单位注册
        </Link>
      </Space>
    </div>
  );
}

/**
 * The page asked for before signing in (the location's `from`, set by RequireRole) when it is a page of this
 * site other than the login page; otherwise the user's home. Another origin (`//host`, `/\\host`) is not followed.
 */
function returnPath(from: unknown, role: Role): string {
  if (typeof from !== 'string' || !from.startsWith('/')) return homePathFor(role);
  const target = new URL(from, window.location.origin);
  if (target.origin !== window.location.origin || target.pathname === '/login') return homePathFor(role);
  return `${target.pathname}${target.search}${target.hash}`;
}

export function LoginPage() {
  const { session, signedIn, expired } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: unknown } | null)?.from;
  const [form] = Form.useForm<LoginValues>();
  /** Answered only in the demo environment. */
  const demoAccounts = useQuery(queries.demoAccounts()).data ?? null;
  const demo = session.demo || demoAccounts !== null;

  if (session.user) return <Navigate to={returnPath(from, session.user.role)} replace />;

  const onSignedIn = (view: SessionView) => {
    signedIn(view);
    if (view.user) navigate(returnPath(from, view.user.role), { replace: true });
  };

  return (
    <div className="login-page">
      {demo && (
        <Alert
          type="warning"
          showIcon
          className="demo-banner"
          title="演示环境"
          description="本环境数据均为虚构，仅供演示和培训使用，请勿填报真实申报材料。"
        />
      )}
      {expired && <Alert type="info" showIcon className="form-alert" title="登录已超时，请重新登录" />}
      <Row gutter={[{ xs: 0, md: 48 }, 24]} align="middle">
        <Col xs={24} md={13}>
          <Welcome />
        </Col>
        <Col xs={24} md={11}>
          <Card title="用户登录" className="login-card">
            <LoginForm form={form} onSignedIn={onSignedIn} />
            <Typography.Paragraph type="secondary" className="login-hint">
              首次申报的单位请先{' '}
              <Link to="/register" style={{ textDecoration: 'underline' }}>
                注册
              </Link>
              ；市级主管部门账号由省工信厅统一分配。
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      {demoAccounts && demoAccounts.length > 0 && (
        <Card title="演示账号" size="small" className="demo-card">
          <Suspense fallback={null}>
            <DemoAccounts
              accounts={demoAccounts}
              onFill={(account) => form.setFieldsValue({ username: account.username, password: account.password })}
            />
          </Suspense>
        </Card>
      )}
    </div>
  );
}

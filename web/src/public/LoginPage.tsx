import { useEffect, useState } from 'react';
import type { DemoAccount, SessionView } from '#contract';
import { sessionApi } from '../api/accounts-api';
import { DemoAccounts } from './DemoAccounts';
import { Icon } from './icons';
import { LoginForm, type Credentials } from './LoginForm';
import { Alert, Card } from './ui';

function Welcome() {
  return (
    <div className="pub-welcome">
      <h1>中小企业公共服务示范平台申报</h1>
      <p>
        平台运营单位在线填报申报书、上传证明材料，提交所在省辖市（济源示范区）中小企业主管部门审核推荐；
        市级主管部门逐项审核后报送省工业和信息化厅。
      </p>
      <div className="pub-welcome-links">
        <a className="pub-link" href="/precheck">
          <Icon name="form" /> 申报条件自测（无需登录）
        </a>
        <a className="pub-link" href="/register">
          <Icon name="audit" /> 平台运营单位注册
        </a>
        <a className="pub-link" href="/publicity">
          <Icon name="bank" /> 示范平台认定公示
        </a>
      </div>
    </div>
  );
}

interface LoginViewProps {
  /** The session's demo flag: the banner shows before the demo accounts arrive. */
  demo: boolean;
  /** The last login ended by timeout. */
  expired: boolean;
  onSignedIn: (session: SessionView) => void;
}

/**
 * 用户登录, without antd: the light entry (main.tsx) shows it to a visitor who opens /login, and the full app
 * shows it after logout or an expired session. Links to other pages load them anew (plain links).
 */
export function LoginView({ demo, expired, onSignedIn }: LoginViewProps) {
  const [credentials, setCredentials] = useState<Credentials>({ username: '', password: '' });
  /** Answered only in the demo environment. */
  const [demoAccounts, setDemoAccounts] = useState<DemoAccount[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    sessionApi.demoAccounts(controller.signal).then(setDemoAccounts, () => undefined);
    return () => controller.abort();
  }, []);

  return (
    <div className="pub-login">
      {(demo || demoAccounts !== null) && (
        <Alert
          type="warning"
          className="pub-demo-banner"
          title="演示环境"
          description="本环境数据均为虚构，仅供演示和培训使用，请勿填报真实申报材料。"
        />
      )}
      {expired && <Alert type="info" title="登录已超时，请重新登录" />}
      <div className="pub-login-grid">
        <Welcome />
        <Card title="用户登录" className="pub-login-card">
          <LoginForm credentials={credentials} onCredentials={setCredentials} onSignedIn={onSignedIn} />
          <p className="pub-login-hint pub-secondary">
            首次申报的单位请先{' '}
            <a className="pub-link" href="/register">
              注册
            </a>
            ；市级主管部门账号由省工信厅统一分配。
          </p>
        </Card>
      </div>
      {demoAccounts && demoAccounts.length > 0 && (
        <Card title="演示账号" small className="pub-demo-card">
          <DemoAccounts
            accounts={demoAccounts}
            onFill={(account) => setCredentials({ username: account.username, password: account.password })}
          />
        </Card>
      )}
    </div>
  );
}

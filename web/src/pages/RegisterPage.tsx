import { Card, Spin, Typography } from 'antd';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import type { SessionView } from '#contract';
import { homePathFor, useSession } from '../app/session';
import { RegisterForm } from '../features/auth/RegisterForm';
import { failureOf } from '../features/common/failureOf';
import { LoadFailure } from '../features/common/LoadFailure';
import { regionsRoutedBy } from '../features/reference/routing';
import { useReferenceData } from '../features/reference/useReferenceData';

export function RegisterPage() {
  const { session, signedIn } = useSession();
  const navigate = useNavigate();
  const reference = useReferenceData();
  const loadFailure = failureOf(reference);

  if (session.user) return <Navigate to={homePathFor(session.user.role)} replace />;

  const onRegistered = (view: SessionView) => {
    signedIn(view);
    navigate('/applicant', { replace: true });
  };

  return (
    <div className="narrow-page">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        平台运营单位注册
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        每个运营单位（以统一社会信用代码计）注册一个账号。注册后即可在线填写申报书。已有账号请{' '}
        <Link to="/login" style={{ textDecoration: 'underline' }}>
          登录
        </Link>
        。
      </Typography.Paragraph>
      <Card>
        {loadFailure && <LoadFailure {...loadFailure} />}
        {!loadFailure && !reference.data && <Spin />}
        {reference.data && (
          <RegisterForm
            regions={regionsRoutedBy(
              reference.data.reference,
              reference.data.batches.find((b) => b.open)?.config.routing,
            )}
            onRegistered={onRegistered}
          />
        )}
      </Card>
    </div>
  );
}

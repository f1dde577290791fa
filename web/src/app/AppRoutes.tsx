import { Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { roles, type Role } from '#contract';
import { AccountSecurityPage } from '../pages/AccountSecurityPage';
import { AccountSessionsPage } from '../pages/AccountSessionsPage';
import { AccountsPage } from '../pages/AccountsPage';
import { ApplicantPage } from '../pages/ApplicantPage';
import { ApplicationListPage } from '../pages/ApplicationListPage';
import { AuditLogPage } from '../pages/AuditLogPage';
import { ChangePasswordPage } from '../pages/ChangePasswordPage';
import { CityPackagePage } from '../pages/CityPackagePage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PrecheckPage } from '../pages/PrecheckPage';
import { ProvinceBoardPage } from '../pages/ProvinceBoardPage';
import { ProvincePackagePage } from '../pages/ProvincePackagePage';
import { ReceiptPage } from '../pages/ReceiptPage';
import { RegisterPage } from '../pages/RegisterPage';
import { ReviewWorkspacePage } from '../pages/ReviewWorkspacePage';
import { SecurityAdminPage } from '../pages/SecurityAdminPage';
import { StatementPage } from '../pages/StatementPage';
import { AppShell } from './AppShell';
import { RequireRole } from './RequireRole';
import { homePathFor, useSession } from './session';

function HomeRedirect() {
  const { session } = useSession();
  if (!session.user) return <Navigate to="/login" replace />;
  if (session.user.mustChangePassword) return <Navigate to="/account/password" replace />;
  return (
    <Navigate
      to={
        session.user.totpRequired && !session.user.totpEnrolled ? '/account/security' : homePathFor(session.user.role)
      }
      replace
    />
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<HomeRedirect />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="precheck" element={<PrecheckPage />} />
        <Route
          path="applicant"
          element={
            <RequireRole roles={['applicant']}>
              <ApplicantPage />
            </RequireRole>
          }
        />
        <Route
          path="receipt/:id"
          element={
            <RequireRole roles={['applicant', 'city', 'province']}>
              <ReceiptPage />
            </RequireRole>
          }
        />
        <Route
          path="city"
          element={
            <RequireRole roles={['city']}>
              <Outlet />
            </RequireRole>
          }
        >
          <Route index element={<ApplicationListPage scope="city" />} />
          <Route path="applications/:id" element={<ReviewWorkspacePage scope="city" />} />
          <Route path="applications/:id/statement" element={<StatementPage />} />
          <Route path="package" element={<CityPackagePage />} />
        </Route>
        <Route
          path="province"
          element={
            <RequireRole roles={['province']}>
              <Outlet />
            </RequireRole>
          }
        >
          <Route index element={<ProvinceBoardPage />} />
          <Route path="applications" element={<ApplicationListPage scope="province" />} />
          <Route path="applications/:id" element={<ReviewWorkspacePage scope="province" />} />
          <Route path="applications/:id/statement" element={<StatementPage />} />
          <Route path="packages/:authorityCode" element={<ProvincePackagePage />} />
        </Route>
        <Route
          path="audit"
          element={
            <RequireRole roles={['province', 'auditadmin']}>
              <AuditLogPage />
            </RequireRole>
          }
        />
        <Route
          path="admin/accounts"
          element={
            <RequireRole roles={['sysadmin']}>
              <AccountsPage />
            </RequireRole>
          }
        />
        <Route
          path="admin/security"
          element={
            <RequireRole roles={['secadmin']}>
              <SecurityAdminPage />
            </RequireRole>
          }
        />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route path="account/security" element={<AccountSecurityPage />} />
        <Route
          path="account/sessions"
          element={
            <RequireRole roles={Object.keys(roles) as Role[]}>
              <AccountSessionsPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

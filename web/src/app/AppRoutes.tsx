import { Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { ApplicantPage } from '../pages/ApplicantPage';
import { ApplicationListPage } from '../pages/ApplicationListPage';
import { AuditLogPage } from '../pages/AuditLogPage';
import { CityPackagePage } from '../pages/CityPackagePage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PrecheckPage } from '../pages/PrecheckPage';
import { ProvinceBoardPage } from '../pages/ProvinceBoardPage';
import { ProvincePackagePage } from '../pages/ProvincePackagePage';
import { ReceiptPage } from '../pages/ReceiptPage';
import { RegisterPage } from '../pages/RegisterPage';
import { ReviewWorkspacePage } from '../pages/ReviewWorkspacePage';
import { StatementPage } from '../pages/StatementPage';
import { AppShell } from './AppShell';
import { RequireRole } from './RequireRole';
import { homePathFor, useSession } from './session';

function HomeRedirect() {
  const { session } = useSession();
  return <Navigate to={session.user ? homePathFor(session.user.role) : '/login'} replace />;
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
            <RequireRole roles={['province']}>
              <AuditLogPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

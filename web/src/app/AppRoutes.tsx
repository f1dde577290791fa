import { Navigate, Route, Routes } from 'react-router-dom';
import { ApplicantPage } from '../pages/ApplicantPage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PrecheckPage } from '../pages/PrecheckPage';
import { ReceiptPage } from '../pages/ReceiptPage';
import { RegisterPage } from '../pages/RegisterPage';
import { ReviewPage } from '../pages/ReviewPage';
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
              <ReviewPage scope="city" />
            </RequireRole>
          }
        />
        <Route
          path="province"
          element={
            <RequireRole roles={['province']}>
              <ReviewPage scope="province" />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

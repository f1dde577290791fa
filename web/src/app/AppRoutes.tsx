import { Spin } from 'antd';
import { Suspense } from 'react';
import { Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { roles, type Role } from '#contract';
import { AppShell } from './AppShell';
import { RequireRole } from './RequireRole';
import { LoginPage } from '../pages/LoginPage';
import { PrecheckPage } from '../public/PrecheckPage';
import { lazyNamed } from './lazyNamed';
import { homePathFor, useSession } from './session';

// Every page has a chunk of its own, loaded on first visit: the public pages (registration, help) load none
// of the officials' or administrators' code, and each role loads only the pages it opens. Login and precheck
// are the light entry's pages (web/src/public), already loaded with it.

/** The pages a visitor opens first, by their address. */
const publicPages = {
  '/register': () => import('../pages/RegisterPage'),
  '/help': () => import('../pages/HelpPage'),
  '/publicity': () => import('../pages/PublicityPage'),
};

/**
 * Starts loading the public page at `pathname`, with its chunks, while the app asks for the session, instead
 * of after (the routes wait for the session). Its lazy component then finds the module loaded.
 */
export function preloadPage(pathname: string): void {
  const load = Object.entries(publicPages).find(([path]) => path === pathname)?.[1];
  void load?.();
}

const AccountSecurityPage = lazyNamed(() => import('../pages/AccountSecurityPage'), 'AccountSecurityPage');
const AccountSessionsPage = lazyNamed(() => import('../pages/AccountSessionsPage'), 'AccountSessionsPage');
const AccountsPage = lazyNamed(() => import('../pages/AccountsPage'), 'AccountsPage');
const ApplicantPage = lazyNamed(() => import('../pages/ApplicantPage'), 'ApplicantPage');
const ApplicationListPage = lazyNamed(() => import('../pages/ApplicationListPage'), 'ApplicationListPage');
const AuditLogPage = lazyNamed(() => import('../pages/AuditLogPage'), 'AuditLogPage');
const BatchAdminPage = lazyNamed(() => import('../pages/BatchAdminPage'), 'BatchAdminPage');
const BatchEditorPage = lazyNamed(() => import('../pages/BatchEditorPage'), 'BatchEditorPage');
const BlindMaterialPage = lazyNamed(() => import('../pages/BlindMaterialPage'), 'BlindMaterialPage');
const ChangePasswordPage = lazyNamed(() => import('../pages/ChangePasswordPage'), 'ChangePasswordPage');
const CityObjectionsPage = lazyNamed(() => import('../pages/CityObjectionsPage'), 'CityObjectionsPage');
const CityPackagePage = lazyNamed(() => import('../pages/CityPackagePage'), 'CityPackagePage');
const ExpertHomePage = lazyNamed(() => import('../pages/ExpertHomePage'), 'ExpertHomePage');
const ExpertPledgePage = lazyNamed(() => import('../pages/ExpertPledgePage'), 'ExpertPledgePage');
const ExpertPoolPage = lazyNamed(() => import('../pages/ExpertPoolPage'), 'ExpertPoolPage');
const NotFoundPage = lazyNamed(() => import('../pages/NotFoundPage'), 'NotFoundPage');
const HelpPage = lazyNamed(publicPages['/help'], 'HelpPage');
const ObjectionFormPage = lazyNamed(() => import('../pages/ObjectionFormPage'), 'ObjectionFormPage');
const ObjectionPage = lazyNamed(() => import('../pages/ObjectionPage'), 'ObjectionPage');
const ProvinceBoardPage = lazyNamed(() => import('../pages/ProvinceBoardPage'), 'ProvinceBoardPage');
const VerifyPage = lazyNamed(() => import('../pages/VerifyPage'), 'VerifyPage');
const RevocationsPage = lazyNamed(() => import('../pages/RevocationsPage'), 'RevocationsPage');
const HolidaysPage = lazyNamed(() => import('../pages/HolidaysPage'), 'HolidaysPage');
const AnnualReportsPage = lazyNamed(() => import('../pages/AnnualReportsPage'), 'AnnualReportsPage');
const MyAnnualReportsPage = lazyNamed(() => import('../pages/MyAnnualReportsPage'), 'MyAnnualReportsPage');
const ProvincePackagePage = lazyNamed(() => import('../pages/ProvincePackagePage'), 'ProvincePackagePage');
const PublicitiesPage = lazyNamed(() => import('../pages/PublicitiesPage'), 'PublicitiesPage');
const PublicityAdminPage = lazyNamed(() => import('../pages/PublicityAdminPage'), 'PublicityAdminPage');
const PublicityFormPage = lazyNamed(() => import('../pages/PublicityFormPage'), 'PublicityFormPage');
const PublicityPage = lazyNamed(publicPages['/publicity'], 'PublicityPage');
const ReceiptPage = lazyNamed(() => import('../pages/ReceiptPage'), 'ReceiptPage');
const RegisterPage = lazyNamed(publicPages['/register'], 'RegisterPage');
const ReviewRoundFormPage = lazyNamed(() => import('../pages/ReviewRoundFormPage'), 'ReviewRoundFormPage');
const ReviewResultsPage = lazyNamed(() => import('../pages/ReviewResultsPage'), 'ReviewResultsPage');
const ReviewRoundPage = lazyNamed(() => import('../pages/ReviewRoundPage'), 'ReviewRoundPage');
const ReviewRoundsPage = lazyNamed(() => import('../pages/ReviewRoundsPage'), 'ReviewRoundsPage');
const ReviewWorkspacePage = lazyNamed(() => import('../pages/ReviewWorkspacePage'), 'ReviewWorkspacePage');
const SecurityAdminPage = lazyNamed(() => import('../pages/SecurityAdminPage'), 'SecurityAdminPage');
const StatementPage = lazyNamed(() => import('../pages/StatementPage'), 'StatementPage');

/** Inside the shell, so the top bar stays while a page's chunk loads. */
function PageSuspense() {
  return (
    <Suspense fallback={<Spin size="large" className="page-spin" description="正在加载…" />}>
      <Outlet />
    </Suspense>
  );
}

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
        <Route element={<PageSuspense />}>
          <Route index element={<HomeRedirect />} />
          <Route path="login" element={<LoginPage />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="precheck" element={<PrecheckPage />} />
          <Route path="help" element={<HelpPage />} />
          <Route path="publicity" element={<PublicityPage />} />
          <Route path="verify/:key" element={<VerifyPage />} />
          <Route path="revocations" element={<RevocationsPage />} />
          <Route path="publicity/:publicityId/objection" element={<ObjectionFormPage />} />
          <Route
            path="applicant"
            element={
              <RequireRole roles={['applicant']}>
                <ApplicantPage />
              </RequireRole>
            }
          />
          <Route
            path="applicant/annual-reports"
            element={
              <RequireRole roles={['applicant']}>
                <MyAnnualReportsPage />
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
            <Route path="annual-reports" element={<AnnualReportsPage />} />
            <Route path="objections" element={<CityObjectionsPage />} />
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
            <Route path="annual-reports" element={<AnnualReportsPage />} />
            <Route path="experts" element={<ExpertPoolPage />} />
            <Route path="review-rounds" element={<ReviewRoundsPage />} />
            <Route path="review-rounds/new" element={<ReviewRoundFormPage />} />
            <Route path="review-rounds/:roundId" element={<ReviewRoundPage />} />
            <Route path="review-rounds/:roundId/edit" element={<ReviewRoundFormPage />} />
            <Route path="review-rounds/:roundId/results" element={<ReviewResultsPage />} />
            <Route path="publicities" element={<PublicitiesPage />} />
            <Route path="publicities/new" element={<PublicityFormPage />} />
            <Route path="publicities/:publicityId" element={<PublicityAdminPage />} />
            <Route path="publicities/:publicityId/objections/:objectionId" element={<ObjectionPage />} />
          </Route>
          <Route
            path="expert"
            element={
              <RequireRole roles={['expert']}>
                <Outlet />
              </RequireRole>
            }
          >
            <Route index element={<ExpertHomePage />} />
            <Route path="rounds/:roundId/pledge" element={<ExpertPledgePage />} />
            <Route path="rounds/:roundId/materials/:label" element={<BlindMaterialPage />} />
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
            path="admin/holidays"
            element={
              <RequireRole roles={['sysadmin']}>
                <HolidaysPage />
              </RequireRole>
            }
          />
          <Route
            path="admin/batches"
            element={
              <RequireRole roles={['sysadmin']}>
                <BatchAdminPage />
              </RequireRole>
            }
          />
          <Route
            path="admin/batches/:id"
            element={
              <RequireRole roles={['sysadmin']}>
                <BatchEditorPage />
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
      </Route>
    </Routes>
  );
}

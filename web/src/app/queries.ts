import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { ApplicationView, CityPackageView, ReviewView } from '#contract';
import {
  accountAdminApi,
  accountSessionsApi,
  applicantAccountApi,
  applicantApi,
  applicationsApi,
  archiveApi,
  auditApi,
  cityPackageApi,
  provinceApi,
  referenceApi,
  reviewApi,
  secondFactorApi,
  securityAdminApi,
  sessionApi,
  type ApplicationFilterValues,
  type AuditFilterValues,
} from '../api/endpoints';
import { batchAdminApi } from '../api/admin-batches-api';

/**
 * Every query key of the web app. Keys nest by what a change touches: a review action refreshes the
 * `applications` lists and details and the `packages` (the city's, the province's, the board).
 */
export const queryKeys = {
  session: ['session'] as const,
  reference: ['reference'] as const,
  myApplication: ['my-application'] as const,
  /** The applicant's home: under `my-application`, so whatever refreshes the application refreshes it too. */
  myApplications: ['my-application', 'home'] as const,
  /** A new roster workbook (a new file id) means new rows. */
  roster: (applicationId: string, workbook: string) => ['my-application', 'roster', applicationId, workbook] as const,
  applicationLists: ['applications', 'list'] as const,
  applicationList: (filters: ApplicationFilterValues) => ['applications', 'list', filters] as const,
  application: (id: string) => ['applications', 'detail', id] as const,
  review: (id: string) => ['applications', 'review', id] as const,
  receipt: (id: string) => ['applications', 'receipt', id] as const,
  /** Not under `applications`: a review action must not fetch (and audit) a preview again. */
  evidencePreview: (applicationId: string, fileId: string) => ['evidence-preview', applicationId, fileId] as const,
  /** Packages, the board and the archive are of one batch: the one picked (`?batch=`), null for the server's default. */
  packages: ['packages'] as const,
  cityPackage: (batch: string | undefined) => ['packages', 'city', batch ?? null] as const,
  letterSettings: (batch: string | undefined) => ['packages', 'letter', batch ?? null] as const,
  provincePackage: (authorityCode: string, batch: string | undefined) =>
    ['packages', 'province', authorityCode, batch ?? null] as const,
  board: (batch: string | undefined) => ['packages', 'board', batch ?? null] as const,
  /** The province's archive is keyed by null. */
  archive: (authorityCode: string | null, batch: string | undefined) =>
    ['archive', authorityCode, batch ?? null] as const,
  auditEntries: (filters: AuditFilterValues) => ['audit', 'entries', filters] as const,
  auditVerification: ['audit', 'verification'] as const,
  accounts: ['admin', 'accounts'] as const,
  authorities: ['admin', 'authorities'] as const,
  adminBatches: ['admin', 'batches'] as const,
  adminBatch: (id: string) => ['admin', 'batches', id] as const,
  signInAccounts: (search: string) => ['admin', 'sign-in', search] as const,
  applicantAccount: (unitId: string) => ['applicant-account', unitId] as const,
  secondFactor: ['own-account', 'second-factor'] as const,
  sessions: ['own-account', 'sessions'] as const,
  /** The notification centre: its pages, the bell's unread count, the email address. */
  notifications: ['notifications'] as const,
  notificationPage: (limit: number) => ['notifications', 'page', limit] as const,
  unreadNotifications: ['notifications', 'unread'] as const,
  notificationEmail: ['notifications', 'email'] as const,
};

/** What each screen reads, with its key. */
export const queries = {
  /** Set by login and logout, asked again only on purpose: asking counts as activity and revives the session. */
  session: () =>
    queryOptions({
      queryKey: queryKeys.session,
      queryFn: ({ signal }) => sessionApi.current(signal),
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    }),
  /** Regions, authorities and batches change once a year: one load per visit of the app. */
  reference: () =>
    queryOptions({
      queryKey: queryKeys.reference,
      queryFn: async ({ signal }) => {
        const [reference, batches] = await Promise.all([referenceApi.reference(signal), referenceApi.batches(signal)]);
        return { reference, batches };
      },
      staleTime: Infinity,
      gcTime: Infinity,
    }),
  /** While a file's digests are being computed, asked again every 1.5 s. */
  myApplication: () =>
    queryOptions({
      queryKey: queryKeys.myApplication,
      queryFn: ({ signal }) => applicantApi.myApplication(signal),
      refetchInterval: (query) => (query.state.data?.evidence.some((file) => file.sha256 === null) ? 1500 : false),
    }),
  myApplications: () =>
    queryOptions({
      queryKey: queryKeys.myApplications,
      queryFn: ({ signal }) => applicantApi.myApplications(signal),
    }),
  roster: (applicationId: string, workbook: string) =>
    queryOptions({
      queryKey: queryKeys.roster(applicationId, workbook),
      queryFn: ({ signal }) => applicantApi.roster(applicationId, signal),
    }),
  applicationList: (filters: ApplicationFilterValues) =>
    queryOptions({
      queryKey: queryKeys.applicationList(filters),
      queryFn: ({ signal }) => applicationsApi.list(filters, signal),
    }),
  application: (id: string) =>
    queryOptions({ queryKey: queryKeys.application(id), queryFn: ({ signal }) => applicationsApi.get(id, signal) }),
  review: (id: string) =>
    queryOptions({ queryKey: queryKeys.review(id), queryFn: ({ signal }) => reviewApi.get(id, signal) }),
  receipt: (id: string) =>
    queryOptions({ queryKey: queryKeys.receipt(id), queryFn: ({ signal }) => applicationsApi.receipt(id, signal) }),
  /** Each fetch is audited and a stored file never changes: fetched once per opening, never on focus. */
  evidencePreview: (applicationId: string, fileId: string) =>
    queryOptions({
      queryKey: queryKeys.evidencePreview(applicationId, fileId),
      queryFn: ({ signal }) => applicationsApi.evidencePreview(applicationId, fileId, signal),
      staleTime: Infinity,
      gcTime: 0,
      refetchOnWindowFocus: false,
    }),
  cityPackage: (batch: string | undefined) =>
    queryOptions({
      queryKey: queryKeys.cityPackage(batch),
      queryFn: ({ signal }) => cityPackageApi.get(batch, signal),
    }),
  letterSettings: (batch: string | undefined) =>
    queryOptions({
      queryKey: queryKeys.letterSettings(batch),
      queryFn: ({ signal }) => cityPackageApi.letterSettings(batch, signal),
    }),
  provincePackage: (authorityCode: string, batch: string | undefined) =>
    queryOptions({
      queryKey: queryKeys.provincePackage(authorityCode, batch),
      queryFn: ({ signal }) => provinceApi.cityPackage(authorityCode, batch, signal),
    }),
  board: (batch: string | undefined) =>
    queryOptions({ queryKey: queryKeys.board(batch), queryFn: ({ signal }) => provinceApi.board(batch, signal) }),
  /** Checked each time the dialog opens: forgotten as soon as it closes. */
  archive: (authorityCode: string | null, batch: string | undefined) =>
    queryOptions({
      queryKey: queryKeys.archive(authorityCode, batch),
      queryFn: ({ signal }) =>
        authorityCode === null ? archiveApi.province(batch, signal) : archiveApi.city(authorityCode, batch, signal),
      gcTime: 0,
      refetchOnWindowFocus: false,
    }),
  auditEntries: (filters: AuditFilterValues) =>
    queryOptions({
      queryKey: queryKeys.auditEntries(filters),
      queryFn: ({ signal }) => auditApi.list(filters, signal),
    }),
  /** The check reads the whole chain: run on arrival and on request, not on every return to the window. */
  auditVerification: () =>
    queryOptions({
      queryKey: queryKeys.auditVerification,
      queryFn: ({ signal }) => auditApi.verification(signal),
      refetchOnWindowFocus: false,
    }),
  accounts: () => queryOptions({ queryKey: queryKeys.accounts, queryFn: ({ signal }) => accountAdminApi.list(signal) }),
  authorities: () =>
    queryOptions({ queryKey: queryKeys.authorities, queryFn: ({ signal }) => accountAdminApi.authorities(signal) }),
  adminBatches: () =>
    queryOptions({ queryKey: queryKeys.adminBatches, queryFn: ({ signal }) => batchAdminApi.list(signal) }),
  adminBatch: (id: string) =>
    queryOptions({ queryKey: queryKeys.adminBatch(id), queryFn: ({ signal }) => batchAdminApi.get(id, signal) }),
  signInAccounts: (search: string) =>
    queryOptions({
      queryKey: queryKeys.signInAccounts(search),
      queryFn: ({ signal }) => securityAdminApi.accounts(search || undefined, signal),
    }),
  applicantAccount: (unitId: string) =>
    queryOptions({
      queryKey: queryKeys.applicantAccount(unitId),
      queryFn: ({ signal }) => applicantAccountApi.get(unitId, signal),
    }),
  secondFactor: () =>
    queryOptions({ queryKey: queryKeys.secondFactor, queryFn: ({ signal }) => secondFactorApi.status(signal) }),
  sessions: () =>
    queryOptions({ queryKey: queryKeys.sessions, queryFn: ({ signal }) => accountSessionsApi.list(signal) }),
};

/** Another user signs in (or nobody is): nothing the last one saw may show. Public data stays. */
export function forgetSignedInData(queryClient: QueryClient): void {
  const kept: readonly unknown[] = [queryKeys.session[0], queryKeys.reference[0]];
  queryClient.removeQueries({ predicate: (query) => !kept.includes(query.queryKey[0]) });
}

/**
 * An action's answer replaces what the cache holds for it. A fetch of the same key still running would
 * overwrite it with what it read before the action: it is cancelled first.
 */
async function answered<T>(queryClient: QueryClient, queryKey: readonly unknown[], data: T): Promise<void> {
  await queryClient.cancelQueries({ queryKey, exact: true });
  queryClient.setQueryData(queryKey, data);
}

/** The applicant's own application as an action answered it. */
export function applicationChanged(queryClient: QueryClient, view: ApplicationView): void {
  void answered(queryClient, queryKeys.myApplication, view);
}

/**
 * A review action answers the whole review: shown at once; the application's status, the lists and the
 * packages (quota, recommended platforms) it may have changed are asked again.
 */
export function reviewChanged(queryClient: QueryClient, review: ReviewView): void {
  void answered(queryClient, queryKeys.review(review.applicationId), review);
  void queryClient.invalidateQueries({ queryKey: queryKeys.application(review.applicationId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.applicationLists });
  void queryClient.invalidateQueries({ queryKey: queryKeys.packages });
}

/** The city submitted its package (of `batch` as picked): the submission took a 发文字号 and fixed the 成文日期. */
export function cityPackageChanged(queryClient: QueryClient, pkg: CityPackageView, batch: string | undefined): void {
  void answered(queryClient, queryKeys.cityPackage(batch), pkg);
  void queryClient.invalidateQueries({ queryKey: queryKeys.letterSettings(batch) });
}

/** The province returned a city's package or granted it an exception: that package, and the boards. */
export function provincePackageChanged(
  queryClient: QueryClient,
  pkg: CityPackageView,
  batch: string | undefined,
): void {
  void answered(queryClient, queryKeys.provincePackage(pkg.authorityCode, batch), pkg);
  void queryClient.invalidateQueries({ queryKey: ['packages', 'board'] });
}

/**
 * What bench/fixture-server.ts prepares in its own process and reports over IPC beside its port; the
 * bench process fires the measured requests over real HTTP with these ids and sessions.
 */

/** A logged-in session: the cookie to send and the CSRF token state-changing requests need. */
export interface SessionCredentials {
  cookie: string;
  csrfToken: string;
}

/** The environment variables the bench process sets for the fixture server. */
export const FIXTURE_ENV = {
  kind: 'BENCH_FIXTURE',
  /** (c) how many submitted, ready applications to prepare in 洛阳. */
  applications: 'BENCH_FIXTURE_APPLICATIONS',
  /** (d) how many complete drafts to prepare. */
  drafts: 'BENCH_FIXTURE_DRAFTS',
  /** (d) milliseconds from the end of the preparation to the start of the deadline second. */
  leadMs: 'BENCH_FIXTURE_LEAD_MS',
  /** (f) how many platforms the city recommends. */
  platforms: 'BENCH_FIXTURE_PLATFORMS',
  /** (h) how many applications the database holds in all (templates over inject, the rest copied in SQL). */
  total: 'BENCH_FIXTURE_TOTAL',
} as const;

export type FixtureKind = 'quota' | 'deadline' | 'package' | 'growth';

/** (c) N applications of one city, submitted and with site check, interview, survey and opinion recorded. */
export interface QuotaFixture {
  kind: 'quota';
  authorityCode: string;
  cityUsername: string;
  applicationIds: string[];
  /** Wall-clock seconds the preparation over app.inject took. */
  prepSeconds: number;
}

export interface StormCity {
  authorityCode: string;
  name: string;
  session: SessionCredentials;
}

export interface StormDraft {
  applicationId: string;
  session: SessionCredentials;
}

/** (d) Every city with one recommended platform (so its package can be submitted) and N complete drafts. */
export interface DeadlineFixture {
  kind: 'deadline';
  /** The batch whose deadlines were moved. */
  batchId: string;
  /** applicationDeadline and cityDeadline as written to the batch config (to the second, +08:00). */
  deadline: string;
  /** Date.parse(deadline): the start of the deadline second. */
  deadlineSecondMs: number;
  cities: StormCity[];
  drafts: StormDraft[];
  /** Further drafts the bench submits before the window, so the storm meets a warm server rather than one just rebuilt. */
  warmupDrafts: StormDraft[];
  prep: {
    /** Cities that had no official account and got one for the bench. */
    citiesCreated: number;
    /** Seconds to register, fill, submit, review and recommend one platform per city over app.inject. */
    citiesSeconds: number;
    /** Drafts filled completely over app.inject (register, form, 80-row roster, 11 files, institutions), and the mean per draft. */
    filledByInject: number;
    injectMsPerDraft: number;
    /** Drafts cloned from the first filled one in SQL (rows copied; files shared by storage key), and the seconds it took. */
    cloned: number;
    cloneSeconds: number;
    totalSeconds: number;
  };
}

/**
 * (f) Complete drafts of one city, not yet submitted: the bench uploads the large evidence over HTTP,
 * then asks (PACKAGE_RECOMMEND) for them to be submitted, reviewed and recommended.
 */
export interface PackageFixture {
  kind: 'package';
  authorityCode: string;
  city: SessionCredentials;
  drafts: StormDraft[];
  /** Where the server stores files (config.filesDir): the raw-read baseline reads the same files there. */
  filesDir: string;
}

/**
 * (h) A batch holding `applications` applications over every city: one complete, submitted and reviewed
 * application per city registered over inject (the templates), the rest copied from them in SQL.
 */
export interface GrowthFixture {
  kind: 'growth';
  database: 'sqlite' | 'postgres';
  applications: number;
  /** Of those, in the measured city (洛阳). */
  cityApplications: number;
  authorityCode: string;
  /** A submitted application of the measured city: opened and given a site check by the measured requests. */
  reviewId: string;
  city: SessionCredentials;
  province: SessionCredentials;
  auditor: SessionCredentials;
  /** Applicants of copied applications, signed in (sessions opened as a login opens them). */
  applicants: SessionCredentials[];
  prep: {
    templates: number;
    templateSeconds: number;
    copied: number;
    copySeconds: number;
    totalSeconds: number;
  };
}

export type Fixture = QuotaFixture | DeadlineFixture | PackageFixture | GrowthFixture;

/** (f) Asks the fixture server to submit, review and recommend the package fixture's drafts; it answers with the count recommended. */
export const PACKAGE_RECOMMEND = 'package:recommend';

/** Questions the bench process asks the fixture server over IPC (ChildServer.ask) around a measured window. */
export const EVENT_LOOP_RESET = 'event-loop:reset';
export const EVENT_LOOP_READ = 'event-loop:read';

/** How late the server's event loop ran timers since the last reset (perf_hooks.monitorEventLoopDelay sampled every 10 ms, less those 10 ms). */
export interface EventLoopStats {
  meanMs: number;
  p99Ms: number;
  maxMs: number;
}

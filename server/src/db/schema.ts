import type { Generated } from 'kysely';
import type { ApplicationStatus, BatchStatus, RecognitionStatus, Role } from '#contract';
import type { PackageStatus } from '../domain/package-status.js';

/** Table types for Kysely. Timestamps are ISO-8601 UTC strings; JSON columns are text. Portable to PostgreSQL. */
export interface BatchTable {
  id: string;
  year: number;
  is_demo: number;
  label: string;
  config: string;
  created_at: string;
  /** `preparation` (the system administrator's only) or `published`. */
  status: Generated<BatchStatus>;
  /** Raised by every change; an edit names the version it was made on. */
  version: Generated<number>;
  published_at: string | null;
}
export interface AuthorityTable {
  code: string;
  name: string;
  kind: 'city' | 'province';
  sort_order: number;
  /** Set by the system administrator: the authority's officials must sign in with a second factor. */
  require_totp: Generated<number>;
}
export interface RegionTable {
  code: string;
  name: string;
  /** The authority that recommends this region's platforms unless a batch routes it elsewhere. */
  authority_code: string;
  sort_order: number;
}
export interface UnitTable {
  id: string;
  name: string;
  uscc: string;
  region_code: string;
  contact_name: string;
  contact_phone: string;
  created_at: string;
}
export interface UserTable {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  display_name: string;
  unit_id: string | null;
  authority_code: string | null;
  created_at: string;
  /** Set when the password is a one-time password (new account, reset): it must be changed at the next login. */
  must_change_password: Generated<number>;
  password_changed_at: string | null;
  disabled_at: string | null;
  last_login_at: string | null;
  /** The TOTP secret (RFC 6238), encrypted; null until enrolment is confirmed (or while pending, see totp_pending_secret). */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: string | null;
  /** The TOTP time step of the last code accepted: a code of that step or an earlier one is refused (no replay). */
  totp_last_step: number | null;
  /** Where notifications are emailed (encrypted); null: in-app only. */
  email: Generated<string | null>;
  /** Role expert: the expert of the pool the account belongs to. */
  expert_id: Generated<string | null>;
}
/** The last password hashes of a user, so a new password is not one of the last five. */
export interface PasswordHistoryTable {
  id: string;
  user_id: string;
  password_hash: string;
  created_at: string;
  /** 1, 2, 3 … per user, in the order the passwords were replaced. */
  seq: number;
}
/** One-time recovery codes for the second factor, stored hashed. */
export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}
/** Failed logins per account and client: a stranger's guesses lock the stranger's client, not the owner. */
export interface LoginFailureTable {
  user_id: string;
  client_key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}
/** Requests in the current fixed window of a rate-limited route, per client (all server processes together). */
/** How many applications each (batch, authority, status) has: kept by triggers on `applications` (migration 2026-12-04T0700). */
export interface ApplicationCountTable {
  batch_id: string;
  authority_code: string;
  status: string;
  n: number;
}

export interface RateLimitTable {
  /** The route: method and URL pattern. */
  scope: string;
  /** The client, as @fastify/rate-limit's key generator names it (its IP address). */
  client_key: string;
  /** When the window ends, in milliseconds since the epoch. */
  window_ends_at: number;
  hits: number;
}
/** Failed logins per user name no account has (as a keyed hash, never the name) and client, counted as for an account. */
export interface UnknownNameFailureTable {
  name_key: string;
  client_key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}
/** Between the password and the second factor: a short-lived challenge (only its SHA-256 is stored), bound to the client. */
export interface LoginChallengeTable {
  id_hash: string;
  user_id: string;
  client_key: string;
  expires_at: string;
  created_at: string;
}
/** A graphic captcha handed out: its answer hashed, taken (deleted) by the one login that uses it. */
export interface CaptchaTable {
  id_hash: string;
  answer_hash: string;
  expires_at: string;
}
/** Events counted over a time window (an account's failed logins from all clients, a client's refused registrations). */
export interface AttemptCounterTable {
  key: string;
  count: number;
  window_started_at: string;
}
export interface ApplicationViewTable {
  user_id: string;
  application_id: string;
  viewed_at: string;
}
export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** Client address and user agent at login, shown in the user's list of active sessions. */
  ip: string | null;
  user_agent: string | null;
}
export interface ApplicationTable {
  id: string;
  batch_id: string;
  unit_id: string;
  authority_code: string;
  status: ApplicationStatus;
  version: number;
  form: string;
  /** The platform name as duplicates compare it (domain/duplicates.ts `platformNameKey`), kept with every form write. */
  platform_name_key: string | null;
  /** What the officials' list filters, searches and sorts on, kept with every form write (form.channel ?? 'quota'). */
  channel: Generated<string>;
  /** The form's categories as `,a,b,` ('' for none), so that one category is matched by LIKE '%,a,%'. */
  categories: Generated<string>;
  /** The form's platform name as written ('' for none). */
  platform_name: Generated<string>;
  /** How many roster rows and institutions it has: kept by triggers on those tables (migration 2026-12-06T0200). */
  roster_count: Generated<number>;
  institution_count: Generated<number>;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface ApplicationVersionTable {
  id: string;
  application_id: string;
  version: number;
  receipt_no: string;
  snapshot: string;
  submitted_at: string;
  submitted_by: string;
}
export interface InstitutionTable {
  id: string;
  application_id: string;
  position: number;
  name: string;
  uscc: string;
  agreement_file_id: string | null;
}
export interface RosterRowTable {
  id: string;
  application_id: string;
  row_no: number;
  enterprise_name: string;
  uscc: string;
  contact_name: string;
  position: string;
  phone: string;
  service: string;
  served_on: string;
}
export interface EvidenceFileTable {
  id: string;
  application_id: string;
  evidence_type: string;
  original_name: string;
  media_type: string;
  size_bytes: number;
  /** Null until the digest worker has read the stored file; the three are set together. */
  sha256: string | null;
  sm3: string | null;
  /** CRC-32 (unsigned), for the zip headers of the 刻盘 package. */
  crc32: number | null;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: string;
  /** When the scrub last re-hashed the stored bytes. */
  checked_at: string | null;
  /** Set when the last scrub found the stored bytes differing from the recorded digests; cleared when they match again. */
  check_failed_at: string | null;
}
/** A file whose digests were recorded before the digest worker was fixed, waiting to be recomputed. */
export interface DigestRecheckTable {
  file_id: string;
  old_sha256: string | null;
  old_sm3: string | null;
  old_crc32: number | null;
}
/** A file whose recorded digests were wrong and were recomputed from its bytes (receipts show it). */
export interface DigestCorrectionTable {
  file_id: string;
  application_id: string;
  old_sha256: string | null;
  old_sm3: string | null;
  old_crc32: number | null;
  new_sha256: string;
  new_sm3: string;
  new_crc32: number;
  corrected_at: string;
}
export interface AuditLogTable {
  id: string;
  /** Position in the hash chain, 1, 2, 3, … without gaps. */
  seq: number;
  /** SM3(previous entry's hash ‖ this entry's canonical content), hex; see audit/audit-chain.ts. */
  hash: string;
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: string | null;
}
/** The chain's head, one row (id = 1): the last entry's seq and hash, so a cut-off tail is detected. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface ReviewFindingTable {
  application_id: string;
  item_key: string;
  verdict: 'pass' | 'fail' | 'doubt';
  remark: string;
  /** JSON: a number or a YYYY-MM-DD string. */
  corrected_value: string | null;
  updated_by: string;
  updated_at: string;
}
export interface SiteCheckTable {
  application_id: string;
  checked_on: string;
  officials: string;
  findings: string;
  conclusion: 'consistent' | 'inconsistent';
  scan_file_id: string | null;
  recorded_by: string;
  recorded_at: string;
}
export interface InterviewTable {
  application_id: string;
  held_on: string;
  place: string;
  officials: string;
  principal_name: string;
  principal_title: string;
  result: string;
  recorded_by: string;
  recorded_at: string;
}
export interface SurveyTable {
  application_id: string;
  seed: string;
  methods: string;
  sample_size: number;
  draw_order: string;
  drawn_by: string;
  drawn_at: string;
}
export interface SurveyContactTable {
  application_id: string;
  roster_row_no: number;
  outcome: 'completed' | 'unreachable';
  interviewee: string | null;
  position: string | null;
  phone: string | null;
  rating: 'very_satisfied' | 'satisfied' | 'dissatisfied' | null;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}
export interface OpinionTable {
  application_id: string;
  impact: string;
  opinion: string;
  opinion_date: string;
  recorded_by: string;
  recorded_at: string;
}
export interface ApplicationReturnTable {
  id: string;
  application_id: string;
  version: number;
  summary: string;
  remarks: string;
  returned_by: string;
  returned_at: string;
}
export interface ApplicationRejectionTable {
  application_id: string;
  reason: string;
  rejected_by: string;
  rejected_at: string;
}
export interface RecommendationTable {
  application_id: string;
  batch_id: string;
  authority_code: string;
  channel: 'quota' | 'designated_area' | 'lab';
  designated_area_id: string | null;
  quota_slot: number | null;
  recommended_by: string;
  recommended_at: string;
}
export interface CityPackageTable {
  batch_id: string;
  authority_code: string;
  status: PackageStatus;
  version: number;
  submitted_at: string | null;
  returned_at: string | null;
  return_remarks: string | null;
  updated_at: string;
  /** The 成文日期 the city chose for its 推荐文件 (YYYY-MM-DD); null: the day it submits. */
  document_date: Generated<string | null>;
  /** 省级受理: when, by whom and which submitted version; set once, never cleared. */
  accepted_at: Generated<string | null>;
  accepted_by: Generated<string | null>;
  accepted_version: Generated<number | null>;
}
export interface PackageVersionTable {
  id: string;
  batch_id: string;
  authority_code: string;
  version: number;
  snapshot: string;
  submitted_by: string;
  submitted_at: string;
  /** 发文字号 the version took at submission, e.g. 洛工信函〔2022〕3号 (unique: never given twice). */
  doc_number: Generated<string | null>;
  document_date: Generated<string | null>;
  /** SM3 of the package's SM3SUMS.txt (documents/fingerprint.ts). */
  manifest_sm3: Generated<string | null>;
}
/** An authority's 推荐文件 settings; absent: defaults from its name (domain/letter-settings.ts). */
export interface LetterSettingsTable {
  authority_code: string;
  official_name: string;
  letterhead: string;
  doc_number_prefix: string;
  contact_name: string | null;
  contact_phone: string | null;
  updated_at: string;
}
/** The next 发文字号 number of an authority in a year. */
export interface LetterSequenceTable {
  authority_code: string;
  year: number;
  next_number: number;
  /** The last number this system gave: the next number never goes back to it or below. */
  last_given: number | null;
}
export interface DeadlineExceptionTable {
  batch_id: string;
  authority_code: string;
  reason: string;
  ends_at: string;
  granted_by: string;
  granted_at: string;
}
/**
 * The keys that encrypt personal data (DATA_KEY), by id, with a check value derived from each: a key
 * given under a known id must be the same key, and a key id still in use cannot be left out.
 */
export interface DataKeyTable {
  id: string;
  check_value: string;
  created_at: string;
}
/** The outbox: an event a use case raised in its transaction, turned into notifications by the job. */
export interface NotificationEventTable {
  id: string;
  kind: string;
  /** JSON. */
  payload: string;
  created_at: string;
  processed_at: string | null;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
}
/** Background work any server process may claim (jobs/job-runner.ts); `key` is unique among jobs not done. */
export interface JobTable {
  id: string;
  kind: string;
  key: string;
  /** JSON. */
  payload: string;
  run_after: string;
  /** Claims so far (each run, finished or not). */
  attempts: Generated<number>;
  /** The process holding the job, until `lease_until`. */
  claimed_by: string | null;
  lease_until: string | null;
  /** Set when the job is finished, or given up (then with `last_error`). */
  done_at: string | null;
  last_error: string | null;
  created_at: string;
}
export type EmailStatus = 'none' | 'pending' | 'sent' | 'failed';
/** A notification for one user; `dedupe_key` (unique) makes each event or reminder reach a user once. */
export interface NotificationTable {
  id: string;
  user_id: string;
  dedupe_key: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
  email_status: Generated<EmailStatus>;
  email_attempts: Generated<number>;
  /** When the email may next be tried (also a claim's lease: set ahead while one runner sends it). */
  email_next_at: string | null;
  email_error: string | null;
  email_sent_at: string | null;
}
/** An expert of the province's pool (专家库). */
export interface ExpertTable {
  id: string;
  name: string;
  unit_name: string;
  unit_uscc: string | null;
  city_code: string;
  /** JSON: the 专业领域 list. */
  fields: string;
  /** Encrypted (personal data). */
  phone: string;
  email: string | null;
  /** JSON: the declared relations (kind, counterpartName, counterpartUscc, until). */
  relations: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface ReviewRoundTable {
  id: string;
  batch_id: string;
  title: string;
  status: 'draft' | 'drawn' | 'open' | 'closed';
  /** JSON: the contract's ReviewRoundSettings. */
  settings: string;
  /** JSON: the contract's Rubric. */
  rubric: string;
  opens_on: string;
  closes_on: string;
  seed: string | null;
  draw_attempt: number | null;
  /** JSON: the pool the draw drew from (ids in the draw's order), which replacements read too. */
  draw_expert_ids: string | null;
  drawn_at: string | null;
  drawn_by: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}
export interface ReviewRoundApplicationTable {
  round_id: string;
  application_id: string;
  group_number: number | null;
  /** The neutral label the experts see, given by the draw. */
  label: string | null;
}
export interface ReviewExclusionTable {
  round_id: string;
  application_id: string;
  expert_id: string;
  accepted: number;
  reason: string;
  decided_by: string;
  decided_at: string;
}
export interface ReviewAssignmentTable {
  id: string;
  round_id: string;
  group_number: number;
  expert_id: string;
  application_id: string;
  /** The expert's place in the group's draw order. */
  position: number;
  assigned_at: string;
  replaced_at: string | null;
  replaced_reason: string | null;
}
export interface ReviewPledgeTable {
  round_id: string;
  expert_id: string;
  text_version: string;
  signed_at: string;
  ip: string | null;
}
/** An expert's score sheet of one assignment (entries JSON: ScoreEntry[]; total in hundredths of a point). */
export interface ReviewScoreSheetTable {
  id: string;
  round_id: string;
  application_id: string;
  expert_id: string;
  entries: string;
  opinion: string;
  total_cents: number;
  status: 'draft' | 'submitted';
  version: number;
  updated_at: string;
  submitted_at: string | null;
}
/** One version of a score sheet as it was saved, submitted or reopened. */
export interface ReviewScoreHistoryTable {
  sheet_id: string;
  version: number;
  entries: string;
  opinion: string;
  total_cents: number;
  action: 'saved' | 'submitted' | 'reopened';
  reason: string | null;
  by_user_id: string;
  at: string;
}
/** The province's decision on an application of a review round. */
export interface ReviewDecisionTable {
  round_id: string;
  application_id: string;
  decision: 'recommend' | 'reject';
  reason: string;
  decided_by: string;
  decided_at: string;
}

/** One year of the holiday and 调休 table (the contract's HolidayYear; dates as JSON). */
export interface HolidayYearTable {
  year: number;
  source: string;
  /** JSON: HolidayDate[]. */
  holidays: string;
  /** JSON: HolidayDate[]. */
  workdays: string;
  updated_by: string | null;
  updated_at: string;
}
/** A 公示 of a batch's candidates, with its settings (JSON) and computed window. */
export interface PublicityTable {
  id: string;
  batch_id: string;
  title: string;
  notice: string;
  /** JSON: the contract's PublicitySettings. */
  settings: string;
  starts_at: string;
  ends_at: string;
  first_day: string;
  last_day: string;
  /** The objections numbered so far: each receipt number takes the next. */
  objection_count: number;
  created_by: string;
  created_at: string;
  /** JSON: what 认定 froze of its 认定文件 (issuer, 发文字号 number, 成文日期); null before 认定. */
  decision: Generated<string | null>;
}
/** A candidate's recognition record (domain/recognition-status.ts), one per 公示 it is on. */
export interface RecognitionTable {
  id: string;
  publicity_id: string;
  application_id: string;
  unit_id: string;
  /** The city authority that recommended the application (asked for its response to an objection). */
  authority_code: string;
  platform_name: string;
  unit_name: string;
  city_name: string;
  position: number;
  status: RecognitionStatus;
  valid_from: string | null;
  valid_to: string | null;
  certificate_number: string | null;
  /** JSON: { status, at, note }[]. */
  history: string;
  updated_at: string;
}
/** A recognised platform's certificate (issue 16): the signed form as issued, and its revocation. */
export interface CertificateTable {
  recognition_id: string;
  /** 豫中小服示〔2026〕001号 */
  number: string;
  /** The number in a web address: 2026-001 (domain/certificate.ts `certificateKey`). */
  number_key: string;
  /** JSON: the contract's SignedCertificate. */
  signed: string;
  issued_at: string;
  revoked_at: string | null;
  revocation_reason: string | null;
  /** The published notice of the revocation. */
  revocation_notice: string | null;
  revoked_by: string | null;
}
/** An objection (异议) to a candidate of a 公示; the contact is encrypted (personal data). */
export interface ObjectionTable {
  id: string;
  publicity_id: string;
  recognition_id: string;
  receipt_number: string;
  origin: 'online' | 'paper';
  name: string;
  contact: string;
  grounds: string;
  /** SHA-256 (hex) of the token the receipt gave the online objector to attach evidence with; null on paper. */
  upload_token_hash: string | null;
  /** The province official handling it. */
  assigned_to: string | null;
  /** JSON: { at, by, byName, text }[], the investigation's notes in order. */
  notes: string;
  /** What the province asked the recommending city, and the city's answer. */
  city_request: string | null;
  city_requested_at: string | null;
  city_response: string | null;
  city_responded_by: string | null;
  city_responded_at: string | null;
  status: 'open' | 'closed';
  outcome: 'upheld' | 'rejected' | 'withdrawn' | null;
  outcome_text: string | null;
  registered_by: string | null;
  received_at: string;
  closed_by: string | null;
  closed_at: string | null;
}
/** An objection's evidence file, checked by content like an application's evidence. */
export interface ObjectionFileTable {
  id: string;
  objection_id: string;
  original_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  sm3: string;
  crc32: number;
  storage_key: string;
  uploaded_at: string;
}

/** A recognised platform's yearly report on `report_year` (issue 16 item 5). */
export interface AnnualReportTable {
  id: string;
  recognition_id: string;
  report_year: number;
  status: 'draft' | 'submitted' | 'city_checked' | 'evaluated';
  /** JSON: the contract's AnnualReportDraft figures (each may be null in a draft). */
  figures: string;
  self_assessment: string;
  /** Raised by every save; a save names the version it read (compare-and-set). */
  version: number;
  submitted_at: string | null;
  submitted_by: string | null;
  /** JSON: { quality, fees, satisfaction, remark, by, byName, at } once the city has checked. */
  city_check: string | null;
  /** JSON: { result, remark, by, byName, at } once the province has evaluated. */
  evaluation: string | null;
  /** JSON: the imported served-enterprise roster's workbook { key, name, sizeBytes, sha256, sm3, uploadedAt }. */
  roster_file: Generated<string | null>;
  updated_at: string;
}
/** A row of a yearly report's served-enterprise roster (the phone encrypted). */
export interface AnnualRosterRowTable {
  report_id: string;
  row_no: number;
  enterprise_name: string;
  uscc: string;
  contact_name: string;
  position: string;
  phone: string;
  service: string;
  served_on: string;
}
/** A 整改 order on a recognised platform, the platform's response and the province's acceptance. */
export interface RectificationTable {
  id: string;
  recognition_id: string;
  report_year: number;
  reason: string;
  /** Beijing date, the last day to rectify. */
  deadline: string;
  ordered_by: string;
  ordered_at: string;
  response: string | null;
  responded_by: string | null;
  responded_at: string | null;
  status: 'open' | 'accepted';
  close_note: string | null;
  closed_by: string | null;
  closed_at: string | null;
}

export interface Database {
  batches: BatchTable;
  authorities: AuthorityTable;
  regions: RegionTable;
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  password_history: PasswordHistoryTable;
  recovery_codes: RecoveryCodeTable;
  login_failures: LoginFailureTable;
  unknown_name_failures: UnknownNameFailureTable;
  rate_limits: RateLimitTable;
  login_challenges: LoginChallengeTable;
  captchas: CaptchaTable;
  attempt_counters: AttemptCounterTable;
  applications: ApplicationTable;
  application_counts: ApplicationCountTable;
  application_versions: ApplicationVersionTable;
  institutions: InstitutionTable;
  roster_rows: RosterRowTable;
  evidence_files: EvidenceFileTable;
  digest_rechecks: DigestRecheckTable;
  digest_corrections: DigestCorrectionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  application_views: ApplicationViewTable;
  review_findings: ReviewFindingTable;
  site_checks: SiteCheckTable;
  interviews: InterviewTable;
  surveys: SurveyTable;
  survey_contacts: SurveyContactTable;
  opinions: OpinionTable;
  application_returns: ApplicationReturnTable;
  application_rejections: ApplicationRejectionTable;
  recommendations: RecommendationTable;
  city_packages: CityPackageTable;
  package_versions: PackageVersionTable;
  letter_settings: LetterSettingsTable;
  letter_sequences: LetterSequenceTable;
  deadline_exceptions: DeadlineExceptionTable;
  data_keys: DataKeyTable;
  notification_events: NotificationEventTable;
  notifications: NotificationTable;
  jobs: JobTable;
  experts: ExpertTable;
  review_rounds: ReviewRoundTable;
  review_round_applications: ReviewRoundApplicationTable;
  review_exclusions: ReviewExclusionTable;
  review_assignments: ReviewAssignmentTable;
  review_pledges: ReviewPledgeTable;
  review_score_sheets: ReviewScoreSheetTable;
  review_score_history: ReviewScoreHistoryTable;
  review_decisions: ReviewDecisionTable;
  holiday_years: HolidayYearTable;
  publicities: PublicityTable;
  recognitions: RecognitionTable;
  objections: ObjectionTable;
  objection_files: ObjectionFileTable;
  annual_reports: AnnualReportTable;
  annual_roster_rows: AnnualRosterRowTable;
  rectifications: RectificationTable;
  certificates: CertificateTable;
}

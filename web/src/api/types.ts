import type { ApplicationStatus, Channel, Issue, PackageState, RosterRowView } from '#contract';

/** Wire types the API returns that contract/src does not declare. */

export interface Region {
  code: string;
  name: string;
  authorityCode: string;
  authorityName: string;
}

export interface Authority {
  code: string;
  name: string;
}

export interface ReferenceData {
  regions: Region[];
  authorities: Authority[];
  demo: boolean;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface RowError {
  row: number;
  field: string;
  message: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  errors?: FieldProblem[];
  failures?: Issue[];
  rowErrors?: RowError[];
  /** A login refused after failed attempts: the next one needs a graphic captcha. */
  captchaRequired?: boolean;
}

export interface ApplicationListItem {
  id: string;
  batchId: string;
  unitName: string;
  uscc: string;
  platformName: string;
  categories: string[];
  regionName: string;
  authorityCode: string;
  authorityName: string;
  status: ApplicationStatus;
  channel: Channel | null;
  eligible: boolean;
  failureCodes: string[];
  submittedAt: string | null;
  contactName: string;
  /** Masked (138****1234). */
  contactPhone: string;
  /** Changed (submitted or resubmitted) since this official last opened it. */
  isNew?: boolean;
  /** The same USCC applies through another city or channel. */
  duplicate?: boolean;
}

/** Query of the officials' list; empty values are left out. */
export interface ApplicationFilters {
  status?: string;
  channel?: string;
  category?: string;
  authorityCode?: string;
  q?: string;
}

export interface ProvinceBoardCity {
  authorityCode: string;
  name: string;
  state: PackageState;
  counts: Record<Channel, number>;
  quota: { limit: number; used: number };
  submittedAt: string | null;
  exception: { reason: string; endsAt: string } | null;
}

/** Applications that look like the same platform: the same USCC, or the same platform name. */
export interface DuplicateGroup {
  uscc: string;
  unitName: string;
  platformName?: string;
  applications: { id: string; authorityName: string; channel: Channel | string; status: ApplicationStatus | string }[];
}

export interface ProvinceBoard {
  batch: { id: string; label: string; cityDeadline: string };
  cities: ProvinceBoardCity[];
  duplicates: DuplicateGroup[];
}

export interface RosterPreview {
  count: number;
  rows: RosterRowView[];
}

/** One entry of the audit log, newest first; `seq` is its place in the hash chain. */
export interface AuditLogEntry {
  id: string;
  seq: number;
  at: string;
  actorName: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: unknown;
}

/** The first entry that breaks the chain; `id` is null where the entry is missing (a cut-off tail). */
export interface AuditBreak {
  seq: number | null;
  id: string | null;
  reason: string;
}

/** The server's check of the whole chain, and when it ran. */
export type AuditVerification = { verifiedThrough: number; checkedAt: string } & (
  { ok: true } | { ok: false; brokenAt: AuditBreak }
);

/** Table types for Kysely. Timestamps are ISO-8601 UTC strings; JSON columns are text. Portable to PostgreSQL. */
export interface BatchTable {
  id: string;
  year: number;
  is_demo: number;
  label: string;
  config: string;
  created_at: string;
}
export interface AuthorityTable {
  code: string;
  name: string;
  kind: 'city' | 'province';
  sort_order: number;
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
  role: 'applicant' | 'city' | 'province';
  display_name: string;
  unit_id: string | null;
  authority_code: string | null;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
}
export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}
export interface ApplicationTable {
  id: string;
  batch_id: string;
  unit_id: string;
  authority_code: string;
  status: 'draft' | 'submitted' | 'returned';
  version: number;
  form: string;
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
  /** Null until the digest worker has read the stored file. */
  sha256: string | null;
  sm3: string | null;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: string;
}
export interface AuditLogTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: string | null;
}

export interface Database {
  batches: BatchTable;
  authorities: AuthorityTable;
  regions: RegionTable;
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  applications: ApplicationTable;
  application_versions: ApplicationVersionTable;
  institutions: InstitutionTable;
  roster_rows: RosterRowTable;
  evidence_files: EvidenceFileTable;
  audit_log: AuditLogTable;
}

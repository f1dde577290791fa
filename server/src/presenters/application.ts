import { applicationProgress, type ApplicationHistory } from '../domain/application-progress.js';
import type {
  ApplicationDraft,
  ApplicationListItem,
  ApplicationView,
  EvidenceFileView,
  InstitutionView,
  Issue,
  ReturnRemarks,
  RosterPreview,
} from '#contract';
import { maskPhone } from '../domain/masking.js';
import type {
  ApplicationRepository,
  ApplicationRow,
  EvidenceRow,
  InstitutionRow,
  RosterRow,
} from '../repositories/application-repository.js';

export function presentEvidence(e: EvidenceRow): EvidenceFileView {
  return {
    id: e.id,
    evidenceType: e.evidence_type,
    originalName: e.original_name,
    mediaType: e.media_type,
    sizeBytes: Number(e.size_bytes),
    sha256: e.sha256,
    sm3: e.sm3,
    uploadedAt: e.uploaded_at,
  };
}

export function presentReturn(r: { summary: string; remarks: string; returned_at: string }): ReturnRemarks {
  return {
    summary: r.summary,
    remarks: JSON.parse(r.remarks) as ReturnRemarks['remarks'],
    returnedAt: r.returned_at,
  };
}

export function presentInstitution(i: InstitutionRow): InstitutionView {
  return { id: i.id, name: i.name, uscc: i.uscc, agreementFileId: i.agreement_file_id };
}

/** What the application view is made of: the records read, and what the rules found of them. */
export interface ApplicationRecords {
  row: ApplicationRow;
  unit: { id: string; name: string; uscc: string; region_code: string };
  form: ApplicationDraft;
  institutions: InstitutionView[];
  rosterCount: number;
  evidence: EvidenceRow[];
  eligibility: { eligible: boolean; failures: Issue[] };
  incomplete: Issue[];
  returned: { summary: string; remarks: string; returned_at: string } | undefined;
  rejection: { reason: string; rejected_at: string } | undefined;
  history: ApplicationHistory;
}

/** The whole application as the form shows it, with the live eligibility and what is still missing. */
export function presentApplication(records: ApplicationRecords): ApplicationView {
  const { row, unit, returned, rejection } = records;
  return {
    id: row.id,
    batchId: row.batch_id,
    unitId: unit.id,
    unitName: unit.name,
    uscc: unit.uscc,
    regionCode: unit.region_code,
    authorityCode: row.authority_code,
    status: row.status,
    version: row.version,
    form: records.form,
    institutions: records.institutions,
    rosterCount: records.rosterCount,
    evidence: records.evidence.map(presentEvidence),
    eligibility: records.eligibility,
    incomplete: records.incomplete,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    returnRemarks: returned ? presentReturn(returned) : null,
    rejection: rejection ? { reason: rejection.reason, rejectedAt: rejection.rejected_at } : null,
    progress: applicationProgress(records.history),
  };
}

/** The roster as lists show it: every row, phones masked. */
export function presentRoster(rows: readonly RosterRow[]): RosterPreview {
  return {
    count: rows.length,
    rows: rows.map((r) => ({
      rowNo: r.row_no,
      enterpriseName: r.enterprise_name,
      uscc: r.uscc,
      contactName: r.contact_name,
      position: r.position,
      phone: maskPhone(r.phone),
      service: r.service,
      servedOn: r.served_on,
    })),
  };
}

/** A row of the officials' list as the repository reads it (unit, region and authority joined in). */
type ApplicationListRow = Awaited<ReturnType<ApplicationRepository['list']>>[number];

/** One application of the officials' list, with what the list judged of it; the contact's phone masked. */
export function presentApplicationListItem(
  r: ApplicationListRow,
  form: ApplicationDraft,
  judged: { eligibility: { eligible: boolean; failures: Issue[] }; duplicate: boolean; isNew: boolean },
): ApplicationListItem {
  return {
    id: r.id,
    batchId: r.batch_id,
    unitName: r.unit_name,
    uscc: r.uscc,
    platformName: form.platformName ?? '',
    categories: form.categories ?? [],
    channel: form.channel ?? 'quota',
    regionName: r.region_name,
    authorityCode: r.authority_code,
    authorityName: r.authority_name,
    status: r.status,
    eligible: judged.eligibility.eligible,
    failureCodes: judged.eligibility.failures.map((f) => f.code),
    duplicate: judged.duplicate,
    isNew: judged.isNew,
    submittedAt: r.submitted_at,
    contactName: r.contact_name,
    contactPhone: maskPhone(r.contact_phone),
  };
}

/** Applications that look like the same platform, named after the first of them. */
export function presentDuplicateGroup(
  first: { row: ApplicationListRow; form: ApplicationDraft },
  members: readonly { row: ApplicationListRow; form: ApplicationDraft }[],
) {
  return {
    uscc: first.row.uscc,
    unitName: first.row.unit_name,
    platformName: first.form.platformName ?? '',
    applications: members.map(({ row, form }) => ({
      id: row.id,
      authorityName: row.authority_name,
      unitName: row.unit_name,
      channel: form.channel ?? 'quota',
      status: row.status,
    })),
  };
}

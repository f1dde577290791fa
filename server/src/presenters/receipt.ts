import type { ReceiptView } from '#contract';
import { beijingDateOf, formatChineseDate, formatChineseDateTime } from '../domain/calendar.js';
import type { ApplicationVersionTable, DigestCorrectionTable } from '../db/schema.js';

/** What a submission keeps of the application (application_versions.snapshot); the receipt is built from it. */
export interface ApplicationSnapshot {
  form: unknown;
  unitName: string;
  uscc: string;
  institutions: unknown[];
  rosterCount: number;
  evidence: ReceiptView['files'];
}

/** The records a receipt is made of: the submitted version, its snapshot and the digest corrections since. */
export interface ReceiptRecords {
  applicationId: string;
  version: Pick<ApplicationVersionTable, 'receipt_no' | 'version' | 'submitted_at'>;
  snapshot: ApplicationSnapshot;
  batchTitle: string;
  authorityName: string;
  corrections: readonly Pick<
    DigestCorrectionTable,
    'file_id' | 'old_sha256' | 'new_sha256' | 'new_sm3' | 'corrected_at'
  >[];
}

/** The receipt (回执) of a submitted version, its files' digests corrected where the digest repair changed them. */
export function presentReceipt(records: ReceiptRecords): ReceiptView {
  const { applicationId, version, snapshot } = records;
  const corrections = new Map(records.corrections.map((c) => [c.file_id, c]));
  const files = snapshot.evidence.map((f) => {
    const c = corrections.get(f.id);
    // Only a receipt issued with the wrong digests is corrected; one issued after the repair has the right ones.
    return c && c.old_sha256 === f.sha256 ? { ...f, sha256: c.new_sha256, sm3: c.new_sm3 } : f;
  });
  const corrected = snapshot.evidence.filter((f, i) => files[i] !== f).map((f) => corrections.get(f.id)!.corrected_at);
  const correctedAt = corrected.sort().at(-1) ?? null;
  const form = snapshot.form as { platformName?: string };
  return {
    applicationId,
    receiptNo: version.receipt_no,
    version: version.version,
    batchTitle: records.batchTitle,
    unitName: snapshot.unitName,
    uscc: snapshot.uscc,
    platformName: form.platformName ?? '',
    authorityName: records.authorityName,
    submittedAt: version.submitted_at,
    submittedAtText: formatChineseDateTime(new Date(version.submitted_at)),
    files,
    digestCorrection: correctedAt
      ? {
          at: correctedAt,
          fileIds: files.filter((f, i) => f !== snapshot.evidence[i]).map((f) => f.id),
          note: `本回执所列部分材料的摘要值已于${formatChineseDate(beijingDateOf(new Date(correctedAt)))}按存储的文件内容重新计算并更正：原系统在同时上传多个文件时计算摘要有缺陷，文件内容本身未受影响。回执编号不变。`,
        }
      : null,
    rosterCount: snapshot.rosterCount,
    institutionsCount: snapshot.institutions.length,
  };
}

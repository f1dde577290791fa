import { randomUUID } from 'node:crypto';
import type { AnnualReportView } from '#contract';
import { isUniqueViolation } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { holdsTitle } from '../domain/recognition-status.js';
import type { Actor } from '../policies/policy.js';
import type { AnnualReportRow } from '../repositories/annual-report-repository.js';
import { parseList, rosterSpec } from '../spreadsheets/list-workbooks.js';
import { mediaTypes } from '../storage/content-type.js';
import { sanitizeFileName } from '../storage/file-name.js';
import type { Context, RequestOrigin } from './context.js';
import {
  assertOpenYear,
  emptyFigures,
  loadRecognition,
  yearView,
  type RosterFileRecord,
} from './loaders/annual-report.js';
import { auditedBy } from './steps/audited-by.js';
import { stageUpload, type ReceiveFile } from './steps/stage-upload.js';

const changedMeanwhile = () =>
  new AppError('INVALID_TRANSITION', '年度报告刚被他人保存、导入名单或已提交，请刷新后重试', { field: 'version' });

/**
 * The platform imports the served-enterprise roster of its year from the roster template: every row good (dates
 * within the year) or nothing changes and every row error is returned. The rows replace the previous roster, the
 * report's 年服务企业数 becomes their count, and the workbook is kept with its digests — all with the audit entry in
 * one transaction, by compare-and-set on the report's version (an import and a save at once: one is told). A report
 * not yet saved is created as a draft; a submitted one is refused.
 */
export async function importAnnualRoster(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  year: number,
  receive: ReceiveFile,
  origin: RequestOrigin,
): Promise<AnnualReportView> {
  const { recognition, batch } = await loadRecognition(ctx, actor, recognitionId, 'recognition:own');
  if (!holdsTitle(recognition.status)) {
    throw new AppError('INVALID_TRANSITION', '该平台已不在认定有效期内（已撤销或到期），不能填报年度报告');
  }
  assertOpenYear(recognition, year, ctx.clock.now());
  const before = await ctx.annualReports.findReport(recognition.id, year);
  if (before && before.status !== 'draft')
    throw new AppError('INVALID_TRANSITION', `${year}年度报告已提交，不能再导入名单`);

  const file = await receive();
  const { staged, digests } = await stageUpload(ctx, file, ['xlsx']);
  const committed = { key: '' };
  let replaced: string | null;
  try {
    const { rows, errors } = await parseList(staged.tempPath, rosterSpec(`${year}-12-31`));
    if (errors.length)
      throw new AppError('ROSTER_INVALID', `服务企业名单有 ${errors.length} 处错误，未导入`, {
        rowErrors: errors.slice(0, 500),
        errorCount: errors.length,
      });
    if (!rows.length) throw new AppError('VALIDATION_FAILED', '服务企业名单没有数据行，未导入', { field: 'file' });
    committed.key = await ctx.blobs.commit(staged);
    const now = ctx.clock.now();
    const record: RosterFileRecord = {
      key: committed.key,
      name: sanitizeFileName(file.filename, 'xlsx'),
      sizeBytes: staged.sizeBytes,
      sha256: digests.sha256,
      sm3: digests.sm3,
      rows: rows.length,
      importedAt: now.toISOString(),
    };
    replaced = await ctx.transaction(async (tx) => {
      const report = await draftOf(tx, recognition.id, year, before, now.toISOString());
      const figures = { ...(JSON.parse(report.figures) as object), enterprisesServed: rows.length };
      const saved = await tx.annualReports.updateReport(
        report.id,
        { version: report.version, statuses: ['draft'] },
        { figures: JSON.stringify(figures), roster_file: JSON.stringify(record), updated_at: now.toISOString() },
      );
      if (!saved) throw changedMeanwhile();
      await tx.annualReports.replaceRoster(
        report.id,
        rows.map((r, i) => ({
          report_id: report.id,
          row_no: i + 1,
          enterprise_name: r.enterpriseName,
          uscc: r.uscc,
          contact_name: r.contactName,
          position: r.position,
          phone: r.phone,
          service: r.service,
          served_on: r.servedOn,
        })),
      );
      await tx.audit.record(
        {
          ...auditedBy(actor!, origin.ip),
          action: 'annual-report.roster-import',
          targetType: 'recognition',
          targetId: recognition.id,
          detail: { year, rows: rows.length, name: record.name, sha256: record.sha256 },
        },
        now,
      );
      return report.roster_file ? (JSON.parse(report.roster_file) as RosterFileRecord).key : null;
    });
    committed.key = '';
  } catch (err) {
    if (committed.key) await ctx.blobs.remove(committed.key);
    else await ctx.blobs.discard(staged.tempPath);
    if (isUniqueViolation(err)) throw changedMeanwhile();
    throw err;
  }
  // The workbook it replaces holds contacts' names and phones: removed once nothing points to it.
  if (replaced) await ctx.blobs.remove(replaced);
  return yearView(ctx, recognition, batch, year);
}

/** The report as it was read before the upload, still unchanged; created as an empty draft if there was none. */
async function draftOf(
  tx: Context,
  recognitionId: string,
  year: number,
  before: AnnualReportRow | undefined,
  at: string,
): Promise<AnnualReportRow> {
  if (before) return before;
  const created: AnnualReportRow = {
    id: randomUUID(),
    recognition_id: recognitionId,
    report_year: year,
    status: 'draft',
    figures: JSON.stringify(emptyFigures),
    self_assessment: '',
    version: 1,
    submitted_at: null,
    submitted_by: null,
    city_check: null,
    evaluation: null,
    roster_file: null,
    updated_at: at,
  };
  await tx.annualReports.insertReport(created);
  return created;
}

/**
 * The roster workbook of a year, to the platform itself (`recognition:own`) or to its city and the province
 * (`annual-report:read`); it holds contacts' names and phones, so every download is audited.
 */
export async function openAnnualRoster(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  year: number,
  action: 'recognition:own' | 'annual-report:read',
  origin: RequestOrigin,
) {
  const { recognition } = await loadRecognition(ctx, actor, recognitionId, action);
  const report = await ctx.annualReports.findReport(recognition.id, year);
  if (!report?.roster_file) throw new AppError('NOT_FOUND', `${year}年度报告尚未导入服务企业名单`);
  const record = JSON.parse(report.roster_file) as RosterFileRecord;
  await ctx.audit.record(
    {
      ...auditedBy(actor!, origin.ip),
      action: 'annual-report.roster-download',
      targetType: 'recognition',
      targetId: recognition.id,
      detail: { year, name: record.name },
    },
    ctx.clock.now(),
  );
  return {
    file: { original_name: record.name, media_type: mediaTypes.xlsx, size_bytes: record.sizeBytes },
    stream: ctx.blobs.open(record.key),
  };
}

import { annualReportDueDate, type AnnualReportView } from '#contract';
import { annualFlags, openReportYears, reportYears, type ReportFigures } from '../../domain/annual-report.js';
import { beijingDateOf } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { authorize, type Action, type Actor } from '../../policies/policy.js';
import type { AnnualReportRow, RecognizedRow, RectificationRow } from '../../repositories/annual-report-repository.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context } from '../context.js';

/** A report's figures before anything is filled in. */
export const emptyFigures: ReportFigures = {
  totalAssetsWan: null,
  serviceStaff: null,
  institutions: null,
  preferentialSharePercent: null,
  enterprisesServed: null,
  satisfactionPercent: null,
};

interface CheckRecord {
  quality: 'ok' | 'issue';
  fees: 'ok' | 'issue';
  satisfaction: 'ok' | 'issue';
  remark: string;
  by: string;
  byName: string;
  at: string;
}
/** annual_reports.roster_file: the workbook the roster was imported from. */
export interface RosterFileRecord {
  key: string;
  name: string;
  sizeBytes: number;
  sha256: string;
  sm3: string;
  rows: number;
  importedAt: string;
}
interface EvaluationRecord {
  result: 'pass' | 'fail';
  remark: string;
  by: string;
  byName: string;
  at: string;
}

/** One platform's year as everyone with a right to it sees it (nothing in it is personal data). */
export function presentYear(
  recognition: RecognizedRow,
  batch: Batch,
  year: number,
  report: AnnualReportRow | undefined,
  rectification: RectificationRow | undefined,
  now: Date,
): AnnualReportView {
  // As the batch the platform was recognised in set it (by default the end of February).
  const dueDate = annualReportDueDate(batch.config.recognition.annualReport, year);
  const figures = report ? (JSON.parse(report.figures) as ReportFigures) : emptyFigures;
  const check = report?.city_check ? (JSON.parse(report.city_check) as CheckRecord) : null;
  const evaluation = report?.evaluation ? (JSON.parse(report.evaluation) as EvaluationRecord) : null;
  const roster = report?.roster_file ? (JSON.parse(report.roster_file) as RosterFileRecord) : null;
  const rules = batch.config.rules;
  return {
    recognitionId: recognition.id,
    reportYear: year,
    platformName: recognition.platform_name,
    unitName: recognition.unit_name,
    cityName: recognition.city_name,
    certificateNumber: recognition.certificate_number,
    recognitionStatus: recognition.status,
    dueDate,
    status: report?.status ?? 'due',
    figures,
    selfAssessment: report?.self_assessment ?? '',
    version: report?.version ?? 0,
    submittedAt: report?.submitted_at ?? null,
    thresholds: {
      totalAssetsWan: rules.minAssetsWan,
      serviceStaff: rules.minServiceStaff,
      institutions: rules.minInstitutions,
      preferentialSharePercent: rules.minPreferentialSharePercent,
      enterprisesServed: rules.minEnterprisesServed,
    },
    cityCheck: check && {
      quality: check.quality,
      fees: check.fees,
      satisfaction: check.satisfaction,
      remark: check.remark,
      byName: check.byName,
      at: check.at,
    },
    evaluation: evaluation && {
      result: evaluation.result,
      remark: evaluation.remark,
      byName: evaluation.byName,
      at: evaluation.at,
    },
    flags: annualFlags({
      dueDate,
      today: beijingDateOf(now),
      submittedOn: report?.submitted_at ? beijingDateOf(new Date(report.submitted_at)) : null,
      figures: report?.submitted_at ? figures : null,
      rules,
      cityCheck: check,
      evaluation,
      roster: roster !== null,
    }),
    roster: roster && { fileName: roster.name, rows: roster.rows, importedAt: roster.importedAt },
    rectification: rectification
      ? {
          id: rectification.id,
          reportYear: rectification.report_year,
          reason: rectification.reason,
          deadline: rectification.deadline,
          orderedAt: rectification.ordered_at,
          response: rectification.response,
          respondedAt: rectification.responded_at,
          status: rectification.status,
          closeNote: rectification.close_note,
        }
      : null,
  };
}

export const recognitionResource = (r: RecognizedRow) =>
  ({ kind: 'recognition', unitId: r.unit_id, authorityCode: r.authority_code }) as const;

/** A recognised platform the actor may act on with `action`; 404 when there is none, 403 when it is not theirs. */
export async function loadRecognition(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  action: Action,
): Promise<{ recognition: RecognizedRow; batch: Batch }> {
  authorize(actor, action);
  const recognition = await ctx.annualReports.findRecognized(recognitionId);
  if (!recognition) throw new AppError('NOT_FOUND', '该认定记录不存在');
  authorize(actor, action, recognitionResource(recognition));
  const batch = await ctx.references.findAnyBatch(recognition.batch_id);
  if (!batch) throw new Error(`recognition ${recognition.id} has no batch`);
  return { recognition, batch };
}

/** The year must be one the recognition reports on and already open for filing. */
export function assertOpenYear(recognition: RecognizedRow, year: number, now: Date): void {
  const years = reportYears(recognition.valid_from!, recognition.valid_to!);
  if (!years.includes(year)) {
    throw new AppError('NOT_FOUND', `该平台的有效期为${years[0]}—${years.at(-1)}年，没有${year}年度报告`);
  }
  if (!openReportYears(recognition.valid_from!, recognition.valid_to!, beijingDateOf(now)).includes(year)) {
    throw new AppError('INVALID_TRANSITION', `${year}年度报告自${year + 1}年1月1日起填报`);
  }
}

/** The view of one year of one recognition, read afresh. */
export async function yearView(
  ctx: Context,
  recognition: RecognizedRow,
  batch: Batch,
  year: number,
): Promise<AnnualReportView> {
  const [report, rectifications] = await Promise.all([
    ctx.annualReports.findReport(recognition.id, year),
    ctx.annualReports.latestRectifications([recognition.id]),
  ]);
  const fresh = (await ctx.annualReports.findRecognized(recognition.id)) ?? recognition;
  return presentYear(fresh, batch, year, report, rectifications.get(recognition.id), ctx.clock.now());
}

import { randomUUID } from 'node:crypto';
import { annualFigureLabels, type AnnualReportDraft, type AnnualReportView } from '#contract';
import { isUniqueViolation } from '../db/database.js';
import { missingFigures } from '../domain/annual-report.js';
import { AppError } from '../domain/errors.js';
import { holdsTitle } from '../domain/recognition-status.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { assertOpenYear, loadRecognition, yearView, type RosterFileRecord } from './loaders/annual-report.js';
import { auditedBy } from './steps/audited-by.js';

const changedMeanwhile = () =>
  new AppError('INVALID_TRANSITION', '年度报告刚被他人保存或已提交，请刷新后再修改', { field: 'version' });

async function loadOwnYear(ctx: Context, actor: Actor | null, recognitionId: string, year: number) {
  const loaded = await loadRecognition(ctx, actor, recognitionId, 'recognition:own');
  if (!holdsTitle(loaded.recognition.status)) {
    throw new AppError('INVALID_TRANSITION', '该平台已不在认定有效期内（已撤销或到期），不能填报年度报告');
  }
  assertOpenYear(loaded.recognition, year, ctx.clock.now());
  return loaded;
}

/**
 * The platform saves its yearly report as a draft: figures (each may still be missing) and the self-assessment.
 * A save names the version it read; one over a newer version (another tab, another clerk) is refused, so nothing
 * is silently overwritten. The first save creates the report; two first saves at once: one wins, the other is told.
 * Once a roster is imported, 年服务企业数 stays its row count.
 */
export async function saveAnnualReport(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  year: number,
  draft: AnnualReportDraft,
  origin: RequestOrigin,
): Promise<AnnualReportView> {
  const { recognition, batch } = await loadOwnYear(ctx, actor, recognitionId, year);
  const at = ctx.clock.now().toISOString();
  const changes = { figures: JSON.stringify(draft.figures), self_assessment: draft.selfAssessment, updated_at: at };
  try {
    await ctx.transaction(async (tx) => {
      const report = await tx.annualReports.findReport(recognition.id, year);
      // With a roster imported, 年服务企业数 is its row count, whatever the form sent.
      if (report?.roster_file) {
        const { rows } = JSON.parse(report.roster_file) as RosterFileRecord;
        changes.figures = JSON.stringify({ ...draft.figures, enterprisesServed: rows });
      }
      if (!report) {
        if (draft.version !== 0) throw changedMeanwhile();
        await tx.annualReports.insertReport({
          id: randomUUID(),
          recognition_id: recognition.id,
          report_year: year,
          status: 'draft',
          version: 1,
          submitted_at: null,
          submitted_by: null,
          city_check: null,
          evaluation: null,
          ...changes,
        });
      } else {
        if (report.status !== 'draft') throw new AppError('INVALID_TRANSITION', `${year}年度报告已提交，不能再修改`);
        const saved = await tx.annualReports.updateReport(
          report.id,
          { version: draft.version, statuses: ['draft'] },
          changes,
        );
        if (!saved) throw changedMeanwhile();
      }
      await tx.audit.record(
        {
          ...auditedBy(actor!, origin.ip),
          action: 'annual-report.save',
          targetType: 'recognition',
          targetId: recognition.id,
          detail: { year, figures: draft.figures },
        },
        ctx.clock.now(),
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw changedMeanwhile();
    throw err;
  }
  return yearView(ctx, recognition, batch, year);
}

/**
 * The platform submits its yearly report: every figure and the self-assessment filled in (else 400 naming each
 * missing one). After the due date it is still accepted, and flagged late.
 */
export async function submitAnnualReport(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  year: number,
  origin: RequestOrigin,
): Promise<AnnualReportView> {
  const { recognition, batch } = await loadOwnYear(ctx, actor, recognitionId, year);
  const report = await ctx.annualReports.findReport(recognition.id, year);
  if (!report) throw new AppError('INVALID_TRANSITION', `请先填写${year}年度报告`);
  if (report.status !== 'draft') throw new AppError('INVALID_TRANSITION', `${year}年度报告已提交`);
  const missing = missingFigures(JSON.parse(report.figures) as AnnualReportDraft['figures']);
  const errors = missing.map((k) => ({ field: `figures.${k}`, message: `请填写${annualFigureLabels[k]}` }));
  if (!report.self_assessment.trim()) errors.push({ field: 'selfAssessment', message: '请填写年度工作总结（自评）' });
  if (errors.length) {
    throw new AppError('VALIDATION_FAILED', `尚未填完，不能提交：${errors.map((e) => e.message).join('；')}`, {
      errors,
    });
  }
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    const submitted = await tx.annualReports.updateReport(
      report.id,
      { version: report.version, statuses: ['draft'] },
      {
        status: 'submitted',
        submitted_at: now.toISOString(),
        submitted_by: actor!.userId,
        updated_at: now.toISOString(),
      },
    );
    if (!submitted) throw changedMeanwhile();
    await tx.audit.record(
      {
        ...auditedBy(actor!, origin.ip),
        action: 'annual-report.submit',
        targetType: 'recognition',
        targetId: recognition.id,
        detail: { year },
      },
      now,
    );
    await tx.notifications.raise({ kind: 'annual-report.submitted', recognitionId: recognition.id, year }, now);
  });
  return yearView(ctx, recognition, batch, year);
}

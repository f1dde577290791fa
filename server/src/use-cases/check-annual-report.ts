import type { AnnualReportView, CityCheckInput, EvaluationInput } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { assertOpenYear, loadRecognition, yearView } from './loaders/annual-report.js';
import { auditedBy } from './steps/audited-by.js';

/**
 * The recommending city checks a submitted yearly report (服务质量、服务收费、满意度), recording who and when; the
 * province then evaluates it. Each step takes the report from the one status it follows, by compare-and-set, in
 * one transaction with its audit entry.
 */
async function advance(
  ctx: Context,
  actor: Actor,
  step: { from: 'submitted' | 'city_checked'; action: 'annual-report.city-check' | 'annual-report.evaluate' },
  target: { recognitionId: string; year: number },
  record: Record<string, string>,
  origin: RequestOrigin,
): Promise<void> {
  const report = await ctx.annualReports.findReport(target.recognitionId, target.year);
  const needed = step.from === 'submitted' ? '已提交、待市级核查' : '市级已核查、待省级评价';
  if (report?.status !== step.from) {
    throw new AppError(
      'INVALID_TRANSITION',
      `只有${needed}的年度报告才能${step.from === 'submitted' ? '核查' : '评价'}`,
    );
  }
  const now = ctx.clock.now();
  const stamped = JSON.stringify({ ...record, by: actor.userId, byName: actor.displayName, at: now.toISOString() });
  await ctx.transaction(async (tx) => {
    const changed = await tx.annualReports.updateReport(
      report.id,
      { version: report.version, statuses: [step.from] },
      step.from === 'submitted'
        ? { status: 'city_checked', city_check: stamped, updated_at: now.toISOString() }
        : { status: 'evaluated', evaluation: stamped, updated_at: now.toISOString() },
    );
    if (!changed) throw new AppError('INVALID_TRANSITION', '该年度报告刚有变化，请刷新后重试');
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: step.action,
        targetType: 'recognition',
        targetId: target.recognitionId,
        detail: { year: target.year, ...record },
      },
      now,
    );
    await tx.notifications.raise(
      step.from === 'submitted'
        ? { kind: 'annual-report.city_checked', ...target }
        : {
            kind: 'annual-report.evaluated',
            ...target,
            result: record.result === 'fail' ? 'fail' : 'pass',
            remark: record.remark ?? '',
          },
      now,
    );
  });
}

export async function checkAnnualReport(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  year: number,
  input: CityCheckInput,
  origin: RequestOrigin,
): Promise<AnnualReportView> {
  const { recognition, batch } = await loadRecognition(ctx, actor, recognitionId, 'annual-report:check');
  assertOpenYear(recognition, year, ctx.clock.now());
  await advance(
    ctx,
    actor!,
    { from: 'submitted', action: 'annual-report.city-check' },
    { recognitionId, year },
    input,
    origin,
  );
  return yearView(ctx, recognition, batch, year);
}

export async function evaluateAnnualReport(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  year: number,
  input: EvaluationInput,
  origin: RequestOrigin,
): Promise<AnnualReportView> {
  const { recognition, batch } = await loadRecognition(ctx, actor, recognitionId, 'recognition:manage');
  assertOpenYear(recognition, year, ctx.clock.now());
  await advance(
    ctx,
    actor!,
    { from: 'city_checked', action: 'annual-report.evaluate' },
    { recognitionId, year },
    input,
    origin,
  );
  return yearView(ctx, recognition, batch, year);
}

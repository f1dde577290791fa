import type { AnnualReportList, AnnualReportView } from '#contract';
import { annualReportDueDate, defaultAnnualReportSettings } from '#contract';
import { openReportYears, reportYears } from '../domain/annual-report.js';
import { beijingDateOf } from '../domain/calendar.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { RecognizedRow } from '../repositories/annual-report-repository.js';
import type { Context } from './context.js';
import { assertOpenYear, loadRecognition, presentYear, yearView } from './loaders/annual-report.js';

/** Views of (recognition, year) pairs, reading every report and 整改 order of those recognitions in two queries. */
async function present(
  ctx: Context,
  pairs: { recognition: RecognizedRow; year: number }[],
): Promise<AnnualReportView[]> {
  const ids = [...new Set(pairs.map((p) => p.recognition.id))];
  const [reports, rectifications, batches] = await Promise.all([
    ctx.annualReports.listReports(ids),
    ctx.annualReports.latestRectifications(ids),
    ctx.references.listAllBatches(),
  ]);
  const now = ctx.clock.now();
  return pairs.map(({ recognition, year }) =>
    presentYear(
      recognition,
      batches.find((b) => b.id === recognition.batch_id)!,
      year,
      reports.find((r) => r.recognition_id === recognition.id && r.report_year === year),
      rectifications.get(recognition.id),
      now,
    ),
  );
}

/** The applicant's recognised platforms, every year whose report is open (newest first). */
export async function listMyAnnualReports(ctx: Context, actor: Actor | null): Promise<{ reports: AnnualReportView[] }> {
  authorize(actor, 'recognition:own');
  const today = beijingDateOf(ctx.clock.now());
  const recognitions = await ctx.annualReports.listRecognized({ unitId: actor.unitId! });
  const pairs = recognitions.flatMap((recognition) =>
    openReportYears(recognition.valid_from!, recognition.valid_to!, today)
      .reverse()
      .map((year) => ({ recognition, year })),
  );
  return { reports: await present(ctx, pairs) };
}

/**
 * The year's reports of every platform the official may read (a city: those it recommended; the province: all),
 * including the platforms that have not filed, with their flags. Without a year, last year's (the one being filed).
 */
export async function listAnnualReports(
  ctx: Context,
  actor: Actor | null,
  requestedYear: number | undefined,
): Promise<AnnualReportList> {
  authorize(actor, 'annual-report:read');
  const year = requestedYear ?? Number(beijingDateOf(ctx.clock.now()).slice(0, 4)) - 1;
  const scope = actor.role === 'city' ? { authorityCode: actor.authorityCode! } : 'all';
  const recognitions = (await ctx.annualReports.listRecognized(scope)).filter((r) =>
    reportYears(r.valid_from!, r.valid_to!).includes(year),
  );
  const reports = await present(
    ctx,
    recognitions.map((recognition) => ({ recognition, year })),
  );
  const dueDates = [...new Set(reports.map((r) => r.dueDate))].sort();
  return {
    reportYear: year,
    dueDates: dueDates.length ? dueDates : [annualReportDueDate(defaultAnnualReportSettings, year)],
    reports,
  };
}

/** One platform's year, for its city or the province. */
export async function viewAnnualReport(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  year: number,
): Promise<AnnualReportView> {
  const { recognition, batch } = await loadRecognition(ctx, actor, recognitionId, 'annual-report:read');
  assertOpenYear(recognition, year, ctx.clock.now());
  return yearView(ctx, recognition, batch, year);
}

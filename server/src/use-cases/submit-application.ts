import { randomInt, randomUUID } from 'node:crypto';
import type { ReceiptView } from '../../../shared/src/index.js';
import { nextApplicationStatus } from '../domain/application-status.js';
import { formatChineseDateTime } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import { buildApplicationView, loadAuthorized } from './application-view.js';
import type { Context, RequestOrigin } from './context.js';
import { isBatchOpen } from './get-my-application.js';

interface Snapshot {
  form: unknown;
  unitName: string;
  uscc: string;
  institutions: unknown[];
  rosterCount: number;
  evidence: ReceiptView['files'];
}

/**
 * Submits the application to its city authority. Refused, with every failing rule and missing item,
 * while ineligible or incomplete. Idempotent: a second submit of an already submitted application
 * (a double click, a client retry) returns the same receipt and changes nothing.
 */
export async function submitApplication(ctx: Context, actor: Actor | null, id: string, origin: RequestOrigin): Promise<ReceiptView> {
  const app = await loadAuthorized(ctx, actor, id, 'application:edit');
  if (app.row.status === 'submitted') return getReceipt(ctx, actor, id);
  nextApplicationStatus(app.row.status, 'submit');
  const now = ctx.clock.now();
  if (!isBatchOpen(app.batch, now)) throw new AppError('BATCH_CLOSED');

  await ctx.digests.settle(await ctx.applications.listEvidence(id));
  const view = await buildApplicationView(ctx, app);
  const failures = [...view.eligibility.failures, ...view.incomplete];
  if (failures.length) throw new AppError('NOT_ELIGIBLE', `尚有 ${failures.length} 项不符合或未完成，不能提交`, { failures });

  const snapshot: Snapshot = {
    form: view.form,
    unitName: view.unitName,
    uscc: view.uscc,
    institutions: view.institutions,
    rosterCount: view.rosterCount,
    evidence: view.evidence,
  };
  const won = await ctx.applications.markSubmitted(
    id,
    { id: randomUUID(), receiptNo: receiptNumber(now, app.row.authority_code), snapshot: JSON.stringify(snapshot), submittedBy: actor!.userId },
    now,
  );
  if (won) {
    await ctx.audit.record(
      { actorUserId: actor!.userId, actorName: actor!.username, ip: origin.ip, action: 'application.submit', targetType: 'application', targetId: id, detail: { from: app.row.status, to: 'submitted' } },
      now,
    );
  }
  return getReceipt(ctx, actor, id);
}

function receiptNumber(now: Date, authorityCode: string): string {
  const cst = new Date(now.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
  return `SB${cst}${authorityCode.slice(0, 6)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/** The receipt (回执) of the latest submitted version. */
export async function getReceipt(ctx: Context, actor: Actor | null, id: string): Promise<ReceiptView> {
  const app = await loadAuthorized(ctx, actor, id, 'application:read');
  const version = await ctx.applications.latestVersion(id);
  if (!version) throw new AppError('NOT_FOUND', '该申报尚未提交，没有回执');
  const snapshot = JSON.parse(version.snapshot) as Snapshot;
  const authority = await ctx.references.findAuthority(app.row.authority_code);
  const form = snapshot.form as { platformName?: string };
  return {
    applicationId: id,
    receiptNo: version.receipt_no,
    version: version.version,
    batchTitle: app.batch.label,
    unitName: snapshot.unitName,
    uscc: snapshot.uscc,
    platformName: form.platformName ?? '',
    authorityName: authority?.name ?? app.row.authority_code,
    submittedAt: version.submitted_at,
    submittedAtText: formatChineseDateTime(new Date(version.submitted_at)),
    files: snapshot.evidence,
    rosterCount: snapshot.rosterCount,
    institutionsCount: snapshot.institutions.length,
  };
}

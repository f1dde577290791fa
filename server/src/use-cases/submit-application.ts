import { randomInt, randomUUID } from 'node:crypto';
import type { ReceiptView } from '#contract';
import { nextApplicationStatus } from '../domain/application-status.js';
import { beijingDateOf, beijingTimestamp, formatChineseDate, formatChineseDateTime } from '../domain/calendar.js';
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
export async function submitApplication(
  ctx: Context,
  actor: Actor | null,
  id: string,
  origin: RequestOrigin,
): Promise<ReceiptView> {
  const app = await loadAuthorized(ctx, actor, id, 'application:edit');
  if (app.row.status === 'submitted') return getReceipt(ctx, actor, id);
  nextApplicationStatus(app.row.status, 'submit');
  const now = ctx.clock.now();
  if (!isBatchOpen(app.batch, now)) throw new AppError('BATCH_CLOSED');

  // Agreements uploaded for institution rows that were never saved are not part of the application.
  const unattached = await ctx.files.listUnattachedAgreements(new Date(now.getTime() + 1), id);
  const dropped = new Set(unattached.map((f) => f.id));
  await ctx.digests.settle((await ctx.applications.listEvidence(id)).filter((e) => !dropped.has(e.id)));
  const view = await buildApplicationView(ctx, app);
  const failures = [...view.eligibility.failures, ...view.incomplete];
  if (failures.length)
    throw new AppError('NOT_ELIGIBLE', `尚有 ${failures.length} 项不符合或未完成，不能提交`, { failures });

  const snapshot: Snapshot = {
    form: view.form,
    unitName: view.unitName,
    uscc: view.uscc,
    institutions: view.institutions,
    rosterCount: view.rosterCount,
    evidence: view.evidence.filter((e) => !dropped.has(e.id)),
  };
  const won = await ctx.transaction(async (tx) => {
    const moved = await tx.applications.markSubmitted(
      id,
      {
        id: randomUUID(),
        receiptNo: receiptNumber(now, app.row.authority_code),
        snapshot: JSON.stringify(snapshot),
        submittedBy: app.actor.userId,
      },
      now,
    );
    if (!moved) return false;
    await tx.files.deleteFiles([...dropped]);
    await tx.audit.record(
      {
        actorUserId: app.actor.userId,
        actorName: app.actor.username,
        ip: origin.ip,
        action: 'application.submit',
        targetType: 'application',
        targetId: id,
        detail: {
          from: app.row.status,
          to: 'submitted',
          droppedUnsavedAgreements: unattached.map((f) => ({ fileId: f.id, name: f.original_name })),
        },
      },
      now,
    );
    return true;
  });
  if (won) await Promise.all(unattached.map((f) => ctx.blobs.remove(f.storage_key)));
  return getReceipt(ctx, actor, id);
}

function receiptNumber(now: Date, authorityCode: string): string {
  return `SB${beijingTimestamp(now)}${authorityCode.slice(0, 6)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/** The receipt (回执) of the latest submitted version. */
export async function getReceipt(ctx: Context, actor: Actor | null, id: string): Promise<ReceiptView> {
  const app = await loadAuthorized(ctx, actor, id, 'application:read');
  const version = await ctx.applications.latestVersion(id);
  if (!version) throw new AppError('NOT_FOUND', '该申报尚未提交，没有回执');
  const snapshot = JSON.parse(version.snapshot) as Snapshot;
  const authority = await ctx.references.findAuthority(app.row.authority_code);
  const corrections = new Map((await ctx.files.listCorrections(id)).map((c) => [c.file_id, c]));
  const files = snapshot.evidence.map((f) => {
    const c = corrections.get(f.id);
    // Only a receipt issued with the wrong digests is corrected; one issued after the repair has the right ones.
    return c && c.old_sha256 === f.sha256 ? { ...f, sha256: c.new_sha256, sm3: c.new_sm3 } : f;
  });
  const corrected = snapshot.evidence.filter((f, i) => files[i] !== f).map((f) => corrections.get(f.id)!.corrected_at);
  const correctedAt = corrected.sort().at(-1) ?? null;
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

import { randomInt, randomUUID } from 'node:crypto';
import type { ReceiptView } from '#contract';
import { nextApplicationStatus } from '../domain/application-status.js';
import { beijingTimestamp } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { ApplicationSnapshot } from '../presenters/receipt.js';
import type { Context, RequestOrigin } from './context.js';
import { isBatchOpen } from './guards/batch.js';
import { loadApplicationView, loadAuthorized } from './loaders/application.js';
import { loadReceipt } from './loaders/receipt.js';

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
  if (app.row.status === 'submitted') return loadReceipt(ctx, await loadAuthorized(ctx, actor, id, 'application:read'));
  nextApplicationStatus(app.row.status, 'submit');
  const now = ctx.clock.now();
  if (!isBatchOpen(app.batch, now)) throw new AppError('BATCH_CLOSED');

  // Agreements uploaded for institution rows that were never saved are not part of the application.
  const unattached = await ctx.files.listUnattachedAgreements(new Date(now.getTime() + 1), id);
  const dropped = new Set(unattached.map((f) => f.id));
  await ctx.digests.settle((await ctx.applications.listEvidence(id)).filter((e) => !dropped.has(e.id)));
  const view = await loadApplicationView(ctx, app);
  const failures = [...view.eligibility.failures, ...view.incomplete];
  if (failures.length)
    throw new AppError('NOT_ELIGIBLE', `尚有 ${failures.length} 项不符合或未完成，不能提交`, { failures });

  const snapshot: ApplicationSnapshot = {
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
    if (app.row.status === 'returned')
      await tx.notifications.raise(
        { kind: 'application.resubmitted', applicationId: id, version: app.row.version + 1 },
        now,
      );
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
  return loadReceipt(ctx, await loadAuthorized(ctx, actor, id, 'application:read'));
}

function receiptNumber(now: Date, authorityCode: string): string {
  return `SB${beijingTimestamp(now)}${authorityCode.slice(0, 6)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

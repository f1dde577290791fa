import { randomUUID } from 'node:crypto';
import type { CityPackageView } from '#contract';
import { beijingDateOf, formatChineseDate } from '../domain/calendar.js';
import { isWithinDeadline } from '../domain/deadline.js';
import { AppError, fieldError } from '../domain/errors.js';
import { formatDocNumber } from '../documents/recommendation-letter.js';
import { assertNotAccepted } from '../domain/package-acceptance.js';
import { nextPackageStatus } from '../domain/package-status.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadCityPackage } from './loaders/city-package.js';
import { letterIssuerOf } from './loaders/letter-issuer.js';
import { auditedBy } from './steps/audited-by.js';
import { planCity } from './steps/package-archive-plan.js';
import { cityFingerprint } from './steps/package-fingerprint.js';
import type { SubmittedLetterSnapshot } from './steps/recommendation-letter.js';

/**
 * 报送: received by the deadline (to the second, by the server's clock) or inside the province's
 * exception; otherwise DEADLINE_PASSED and nothing changes. The quota is checked again here. The
 * submission takes the authority's next 发文字号 (in the same transaction, so a refused or failed
 * submission gives no number away), fixes the 成文日期 and records the fingerprint of the materials the
 * 刻盘 package will hold (planned first: a material failing its checks stops the submission).
 */
export async function submitCityPackage(
  ctx: Context,
  actor: Actor | null,
  origin: RequestOrigin,
  batchId?: string,
): Promise<CityPackageView> {
  authorize(actor, 'package:own');
  const now = ctx.clock.now();
  const batch = await currentBatch(ctx, batchId);
  const code = actor.authorityCode!;
  const exception = await ctx.recommendations.findException(batch.id, code);
  if (!isWithinDeadline(now, batch.config.cityDeadline, exception ? { endsAt: exception.ends_at } : null)) {
    await ctx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'package.submit_refused',
        targetType: 'package',
        targetId: code,
        detail: { reason: 'deadline' },
      },
      now,
    );
    throw new AppError('DEADLINE_PASSED');
  }
  const view = await loadCityPackage(ctx, batch, code);
  const pkg = await ctx.recommendations.findPackage(batch.id, code);
  assertNotAccepted(pkg, 'submit');
  nextPackageStatus(pkg?.status ?? 'draft', 'submit');
  if (view.problems.length) throw new AppError('NOT_READY', view.problems.join('；'), { problems: view.problems });
  const today = beijingDateOf(now);
  const documentDate = pkg?.document_date ?? today;
  if (documentDate > today) {
    throw fieldError('documentDate', `成文日期：${formatChineseDate(documentDate)}晚于报送当日，请在“公文设置”中改正`);
  }
  const authority = { code, name: view.authorityName };
  const fingerprint = cityFingerprint(await planCity(ctx, actor, batch, authority, ''));
  const issuer = await letterIssuerOf(ctx, authority);
  await ctx.transaction(async (tx) => {
    const docSequence = await tx.letters.takeNumber(code, batch.year);
    const docNumber = formatDocNumber(issuer.docNumberPrefix, batch.year, docSequence);
    const letter: SubmittedLetterSnapshot = { issuer, docSequence };
    const done = await tx.recommendations.submitPackage(
      batch.id,
      code,
      {
        id: randomUUID(),
        snapshot: JSON.stringify({ recommended: view.recommended, quota: view.quota, letter }),
        submittedBy: actor.userId,
        letter: { docNumber, documentDate, manifestSm3: fingerprint },
      },
      now,
    );
    if (!done) throw new AppError('INVALID_TRANSITION', '推荐材料已报送');
    await tx.notifications.raise(
      { kind: 'package.submitted', batchId: batch.id, authorityCode: code, platforms: view.recommended.length },
      now,
    );
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'package.submit',
        targetType: 'package',
        targetId: code,
        detail: { batchId: batch.id, platforms: view.recommended.length, docNumber, documentDate, fingerprint },
      },
      now,
    );
  });
  return loadCityPackage(ctx, batch, code);
}

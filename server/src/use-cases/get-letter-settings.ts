import type { LetterSettingsView } from '#contract';
import { formatDocNumber } from '../documents/recommendation-letter.js';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Batch } from '../repositories/reference-repository.js';
import type { Context } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { letterIssuerOf } from './loaders/letter-issuer.js';

/** The signed-in city's 推荐文件 settings, its next 发文字号 in the batch's year and the package's 成文日期. */
export async function getLetterSettings(
  ctx: Context,
  actor: Actor | null,
  batchId?: string,
): Promise<LetterSettingsView> {
  authorize(actor, 'package:own');
  return loadLetterSettings(ctx, await currentBatch(ctx, batchId), actor.authorityCode!);
}

export async function loadLetterSettings(ctx: Context, batch: Batch, code: string): Promise<LetterSettingsView> {
  const authority = await ctx.references.findAuthority(code);
  if (!authority || authority.kind !== 'city') throw new AppError('NOT_FOUND', '推荐单位不存在');
  const [issuer, sequence, pkg] = await Promise.all([
    letterIssuerOf(ctx, authority),
    ctx.letters.findSequence(code, batch.year),
    ctx.recommendations.findPackage(batch.id, code),
  ]);
  const nextNumber = sequence?.next_number ?? 1;
  return {
    ...issuer,
    nextNumber,
    documentDate: pkg?.document_date ?? null,
    year: batch.year,
    minNextNumber: (sequence?.last_given ?? 0) + 1,
    nextDocNumber: formatDocNumber(issuer.docNumberPrefix, batch.year, nextNumber),
    documentDateLocked: pkg?.status === 'submitted',
  };
}

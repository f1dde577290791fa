import type { PrecheckInput, PrecheckResult } from '#contract';
import { evaluateEligibility } from '../domain/eligibility.js';
import { AppError } from '../domain/errors.js';
import type { Context } from './context.js';

/** The public 申报条件自测: every failing rule of the batch at once. */
export async function precheckEligibility(ctx: Context, input: PrecheckInput): Promise<PrecheckResult> {
  const batch = await ctx.references.findBatchByYear(input.batchYear);
  if (!batch) throw new AppError('BATCH_NOT_FOUND', `没有 ${input.batchYear} 年度的申报批次`);
  const unknown = input.categories.filter((c) => !batch.config.categories.includes(c));
  if (unknown.length) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      errors: [
        {
          field: 'categories',
          message: `平台类别：不在本批次范围内（${unknown.join('、')}），可选：${batch.config.categories.join('、')}`,
        },
      ],
    });
  }
  return evaluateEligibility(input, batch.config);
}

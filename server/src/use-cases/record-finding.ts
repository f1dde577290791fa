import { correctableRuleFields, ruleCodes, type FindingInput, type ReviewView } from '#contract';
import { fieldError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadReviewable, loadReviewView } from './loaders/review.js';
import { auditReview } from './steps/audit-review.js';

/** 逐项审核: one finding per rule or evidence item; a corrected figure is kept beside the claimed one. */
export async function recordFinding(
  ctx: Context,
  actor: Actor | null,
  id: string,
  itemKey: string,
  input: FindingInput,
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  if (itemKey.startsWith('rule:')) {
    const code = itemKey.slice(5);
    if (!(ruleCodes as readonly string[]).includes(code)) throw fieldError('itemKey', `审核项：未知的条件“${code}”`);
    const field = correctableRuleFields[code as keyof typeof correctableRuleFields];
    const v = input.correctedValue;
    if (v !== undefined && v !== null) {
      if (!field) throw fieldError('correctedValue', '核定值：该条件不能核定数值');
      if (field === 'registeredOn' ? typeof v !== 'string' : typeof v !== 'number') {
        throw fieldError(
          'correctedValue',
          field === 'registeredOn' ? '核定值：须为日期 YYYY-MM-DD' : '核定值：须为数字',
        );
      }
      if (field === 'preferentialSharePercent' && (v as number) > 100)
        throw fieldError('correctedValue', '核定值：优惠服务占比不能超过100');
    }
  } else if (!(await ctx.applications.findEvidence(id, itemKey.slice(9)))) {
    throw fieldError('itemKey', '审核项：该证明材料不存在');
  } else if (input.correctedValue !== undefined && input.correctedValue !== null) {
    throw fieldError('correctedValue', '核定值：证明材料不能核定数值');
  }
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    await tx.reviews.upsertFinding({
      application_id: id,
      item_key: itemKey,
      verdict: input.verdict,
      remark: input.remark ?? '',
      corrected_value:
        input.correctedValue === undefined || input.correctedValue === null
          ? null
          : JSON.stringify(input.correctedValue),
      updated_by: app.actor.displayName,
      updated_at: now.toISOString(),
    });
    await auditReview(
      tx,
      app.actor,
      id,
      'review.finding',
      { itemKey, verdict: input.verdict, correctedValue: input.correctedValue ?? null },
      origin.ip,
    );
  });
  return loadReviewView(ctx, app, app.actor);
}

import type { ExpertView } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { auditedBy } from './steps/audited-by.js';
import { loadExpert, presentExperts } from './loaders/expert-pool.js';

/** One expert of the pool with the phone in full, for editing: audited as a disclosure of personal data. */
export async function viewExpert(
  ctx: Context,
  actor: Actor | null,
  expertId: string,
  origin: RequestOrigin,
): Promise<ExpertView> {
  authorize(actor, 'expert-pool:manage');
  const expert = await loadExpert(ctx, expertId);
  await ctx.audit.record(
    {
      ...auditedBy(actor, origin.ip),
      action: 'personal_data.disclose',
      targetType: 'expert',
      targetId: expertId,
      detail: { fields: ['phone'] },
    },
    ctx.clock.now(),
  );
  return (await presentExperts(ctx, [expert], true))[0]!;
}

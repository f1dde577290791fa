import type { SurveyPhone } from '#contract';
import { fieldError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadCurrentDraw, loadForReview } from './loaders/review.js';

/** Shows a drawn enterprise's phone numbers in full, to call it; every disclosure is audited. */
export async function discloseSurveyPhone(
  ctx: Context,
  actor: Actor | null,
  id: string,
  rosterRowNo: number,
  origin: RequestOrigin,
): Promise<SurveyPhone> {
  const app = await loadForReview(ctx, actor, id, 'review:read');
  const { drawn } = await loadCurrentDraw(ctx, id);
  if (!drawn.includes(rosterRowNo)) throw fieldError('rosterRowNo', `名单第${rosterRowNo}行未被抽中`);
  const row = (await ctx.applications.listRoster(id)).find((r) => r.row_no === rosterRowNo);
  const contact = (await ctx.reviews.listSurveyContacts(id)).find((c) => c.roster_row_no === rosterRowNo);
  await ctx.audit.record(
    {
      actorUserId: app.actor.userId,
      actorName: app.actor.username,
      ip: origin.ip,
      action: 'personal_data.disclose',
      targetType: 'application',
      targetId: id,
      detail: { rosterRowNo, fields: ['phone'] },
    },
    ctx.clock.now(),
  );
  return { phone: row?.phone ?? null, recordedPhone: contact?.phone ?? null };
}

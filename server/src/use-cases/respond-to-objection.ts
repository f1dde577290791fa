import type { CityObjection } from '#contract';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import { presentCityObjection } from '../presenters/publicity.js';
import type { Context, RequestOrigin } from './context.js';
import { auditedBy } from './steps/audited-by.js';

/** The objections the province asked the city about, on platforms the city recommended. */
export async function listCityObjections(ctx: Context, actor: Actor | null): Promise<{ objections: CityObjection[] }> {
  authorize(actor, 'objection:respond');
  const rows = await ctx.publicities.listCityRequests(actor.authorityCode!);
  return { objections: rows.map(presentCityObjection) };
}

/**
 * The city answers the province's question on an objection about a platform it recommended, once, while the
 * objection is open; another city's objection is 404 like an unknown one. Audited.
 */
export async function respondToObjection(
  ctx: Context,
  actor: Actor | null,
  objectionId: string,
  text: string,
  origin: RequestOrigin,
): Promise<CityObjection> {
  authorize(actor, 'objection:respond');
  const authorityCode = actor.authorityCode!;
  const store = ctx.publicities;
  const own = (await store.listCityRequests(authorityCode)).find((o) => o.id === objectionId);
  if (!own) throw new AppError('NOT_FOUND', '异议不存在');
  const at = ctx.clock.now().toISOString();
  await ctx.transaction(async (tx) => {
    if (!(await tx.publicities.recordCityResponse(own.id, text, actor.userId, at))) {
      throw new AppError('INVALID_TRANSITION', `异议${own.receipt_number}已答复或已办结`);
    }
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'objection.city_response',
        targetType: 'objection',
        targetId: own.id,
        detail: { receiptNumber: own.receipt_number, authorityCode, text },
      },
      ctx.clock.now(),
    );
  });
  const after = (await store.listCityRequests(authorityCode)).find((o) => o.id === objectionId)!;
  return presentCityObjection(after);
}

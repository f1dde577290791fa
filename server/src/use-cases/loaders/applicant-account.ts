import { AppError } from '../../domain/errors.js';
import { recommendingAuthorityOf } from '../../domain/routing.js';
import { authorize, type Actor } from '../../policies/policy.js';
import type { UnitRow, UserRow } from '../../repositories/user-repository.js';
import type { Context } from '../context.js';
import { currentBatch } from './batch.js';

export interface ApplicantAccount {
  unit: UnitRow;
  user: UserRow;
  /** The official the policy let through. */
  actor: Actor;
}

/**
 * A unit's applicant account, for the city that recommends the unit's region in the current batch (its
 * routing first, 航空港区 → 郑州, then the region's own authority) or for the province.
 */
export async function loadApplicantAccount(
  ctx: Context,
  actor: Actor | null,
  unitId: string,
): Promise<ApplicantAccount> {
  const unit = await ctx.users.findUnit(unitId);
  const user = unit && (await ctx.users.findApplicantOfUnit(unit.id));
  if (!unit || !user) {
    authorize(actor, 'session:use');
    throw new AppError('NOT_FOUND', '申报单位不存在');
  }
  const [batch, region] = await Promise.all([currentBatch(ctx), ctx.references.findRegion(unit.region_code)]);
  if (!region) throw new Error(`region ${unit.region_code} has no recommending authority`);
  const authorityCode = recommendingAuthorityOf(batch.config.routing, region);
  authorize(actor, 'applicant-account:manage', { kind: 'applicant-account', unitId: unit.id, authorityCode });
  return { unit, user, actor };
}

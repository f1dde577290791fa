import { randomUUID } from 'node:crypto';
import { normalizeUscc, type ExpertInput, type ExpertUpdate, type ExpertView } from '#contract';
import { AppError, fieldError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadExpert, presentExperts } from './loaders/expert-pool.js';
import { auditedBy } from './steps/audited-by.js';

async function columns(ctx: Context, input: ExpertInput) {
  const regions = await ctx.references.listRegions();
  if (!regions.some((r) => r.code === input.cityCode)) throw fieldError('cityCode', '所在城市：须为本省的行政区划');
  return {
    name: input.name,
    unit_name: input.unitName,
    unit_uscc: input.unitUscc === null ? null : normalizeUscc(input.unitUscc),
    city_code: input.cityCode,
    fields: JSON.stringify(input.fields),
    phone: input.phone,
    email: input.email,
    relations: JSON.stringify(input.relations),
    active: input.active ? 1 : 0,
  };
}

/** What the audit log keeps of an expert: no phone, no email. */
const audited = (input: ExpertInput) => ({
  name: input.name,
  unitName: input.unitName,
  unitUscc: input.unitUscc,
  cityCode: input.cityCode,
  fields: input.fields,
  relations: input.relations,
  active: input.active,
});

/** The province adds an expert to the pool; audited. */
export async function createExpert(
  ctx: Context,
  actor: Actor | null,
  input: ExpertInput,
  origin: RequestOrigin,
): Promise<ExpertView> {
  authorize(actor, 'expert-pool:manage');
  const row = await columns(ctx, input);
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  await ctx.transaction(async (tx) => {
    await tx.expertReviews.insertExpert({ id, ...row, version: 1, created_at: now, updated_at: now });
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'expert.create',
        targetType: 'expert',
        targetId: id,
        detail: audited(input),
      },
      ctx.clock.now(),
    );
  });
  return (await presentExperts(ctx, [await loadExpert(ctx, id)], true))[0]!;
}

/**
 * The province changes an expert made on `version` (409 when it changed since); audited. 回避 reads the expert
 * as it is at each check, so a new relation shows at once in the conflicts and at the expert's next opening.
 */
export async function updateExpert(
  ctx: Context,
  actor: Actor | null,
  expertId: string,
  input: ExpertUpdate,
  origin: RequestOrigin,
): Promise<ExpertView> {
  authorize(actor, 'expert-pool:manage');
  await loadExpert(ctx, expertId);
  const row = await columns(ctx, input);
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    if (!(await tx.expertReviews.updateExpert(expertId, input.version, { ...row, updated_at: now.toISOString() })))
      throw new AppError('INVALID_TRANSITION', '该专家信息刚被他人修改，请刷新后重试');
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'expert.update',
        targetType: 'expert',
        targetId: expertId,
        detail: audited(input),
      },
      now,
    );
  });
  return (await presentExperts(ctx, [await loadExpert(ctx, expertId)], true))[0]!;
}

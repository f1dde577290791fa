import type { AuthoritySecurityView } from '#contract';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import { presentAuthoritySecurity } from '../presenters/account.js';
import type { Context, RequestOrigin } from './context.js';
import { auditedBy } from './steps/audited-by.js';

/**
 * Whether a city authority's officials must sign in with a second factor (TOTP). Province staff and the
 * administrators always must, so the province is not set here.
 */
export async function setAuthorityRequireTotp(
  ctx: Context,
  actor: Actor | null,
  code: string,
  requireTotp: boolean,
  origin: RequestOrigin,
): Promise<AuthoritySecurityView> {
  authorize(actor, 'account:admin');
  const authority = await ctx.references.findAuthority(code);
  if (!authority || authority.kind !== 'city') throw new AppError('NOT_FOUND', '市级主管部门不存在');
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    // Read again inside the unit of work, so two switches at once each record the value they replaced.
    const before = (await tx.references.findAuthority(code))!.require_totp === 1;
    await tx.references.setRequireTotp(code, requireTotp);
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'authority.require_totp',
        targetType: 'authority',
        targetId: code,
        detail: { requireTotp, before },
      },
      now,
    );
  });
  return presentAuthoritySecurity({ ...authority, require_totp: requireTotp ? 1 : 0 });
}

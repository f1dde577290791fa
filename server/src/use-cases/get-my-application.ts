import { randomUUID } from 'node:crypto';
import type { ApplicationView } from '#contract';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context } from './context.js';
import { isBatchOpen } from './guards/batch.js';
import { loadApplicationView, loadAuthorized } from './loaders/application.js';

/**
 * The applicant's application in the open batch, created on first visit as a draft holding the contact
 * person given at registration.
 */
export async function getMyApplication(ctx: Context, actor: Actor | null): Promise<ApplicationView> {
  authorize(actor, 'application:own');
  const now = ctx.clock.now();
  const [batches, existing] = await Promise.all([
    ctx.references.listBatches(),
    ctx.applications.listByUnit(actor.unitId!),
  ]);
  for (const batch of batches) {
    const row = existing.find((a) => a.batch_id === batch.id);
    if (row && (row.status !== 'draft' || isBatchOpen(batch, now))) {
      return loadApplicationView(ctx, await loadAuthorized(ctx, actor, row.id, 'application:read'));
    }
  }
  const unit = await ctx.users.findUnit(actor.unitId!);
  if (!unit) throw new AppError('NOT_FOUND', '申报单位不存在');
  const open = batches.find((b) => isBatchOpen(b, now));
  if (!open) throw new AppError('BATCH_CLOSED', '当前没有开放申报的批次');
  const region = await ctx.references.findRegion(unit.region_code);
  const authorityCode = open.config.routing[unit.region_code] ?? region?.authority_code;
  if (!authorityCode) throw new Error(`region ${unit.region_code} has no recommending authority`);
  const row = await ctx.applications.insertIfAbsent({
    id: randomUUID(),
    batch_id: open.id,
    unit_id: unit.id,
    authority_code: authorityCode,
    status: 'draft',
    version: 0,
    form: JSON.stringify({
      channel: 'quota',
      categories: [],
      contactName: unit.contact_name,
      contactPhone: unit.contact_phone,
    }),
    submitted_at: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  return loadApplicationView(ctx, await loadAuthorized(ctx, actor, row.id, 'application:read'));
}

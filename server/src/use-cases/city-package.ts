import { randomUUID } from 'node:crypto';
import type { ApplicationDraft, CityPackageView, PackageState } from '#contract';
import { isWithinDeadline } from '../domain/deadline.js';
import { AppError } from '../domain/errors.js';
import { nextPackageStatus } from '../domain/package-status.js';
import { quotaLimit } from '../domain/quota.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Batch } from '../repositories/reference-repository.js';
import type { Context, RequestOrigin } from './context.js';
import { listDuplicateGroups } from './list-applications.js';

/** The batch officials work in: the one whose city deadline is the latest (in demo mode, the open copy). */
export async function currentBatch(ctx: Context): Promise<Batch> {
  const batches = await ctx.references.listBatches();
  const batch = [...batches].sort((x, y) => Date.parse(y.config.cityDeadline) - Date.parse(x.config.cityDeadline))[0];
  if (!batch) throw new AppError('BATCH_NOT_FOUND');
  return batch;
}

/** The city's package: its recommended platforms, quota use, deadline, state and what blocks submission. */
export async function buildCityPackage(ctx: Context, batch: Batch, authorityCode: string): Promise<CityPackageView> {
  const [authority, pkg, recs, exception] = await Promise.all([
    ctx.references.findAuthority(authorityCode),
    ctx.recommendations.findPackage(batch.id, authorityCode),
    ctx.recommendations.listForAuthority(batch.id, authorityCode),
    ctx.recommendations.findException(batch.id, authorityCode),
  ]);
  if (!authority || authority.kind !== 'city') throw new AppError('NOT_FOUND', '推荐单位不存在');
  const limit = quotaLimit(batch.config, authorityCode);
  const used = recs.filter((r) => r.channel === 'quota').length;
  const within = isWithinDeadline(
    ctx.clock.now(),
    batch.config.cityDeadline,
    exception ? { endsAt: exception.ends_at } : null,
  );
  const problems: string[] = [];
  if (recs.length === 0) problems.push('尚未推荐任何平台');
  if (used > limit) problems.push(`市推荐名额超出：${used} / ${limit}`);
  if (!within) problems.push('已超过报送截止时间，逾期不予受理');
  const state: PackageState =
    pkg?.status === 'submitted'
      ? 'submitted'
      : pkg?.status === 'returned'
        ? 'returned'
        : !within
          ? 'late_missing'
          : pkg || recs.length
            ? 'in_progress'
            : 'not_started';
  return {
    batchId: batch.id,
    authorityCode,
    authorityName: authority.name,
    state,
    version: pkg?.version ?? 0,
    deadline: batch.config.cityDeadline,
    exception: exception ? { reason: exception.reason, endsAt: exception.ends_at } : null,
    canSubmit: state !== 'submitted' && problems.length === 0,
    problems,
    quota: { limit, used },
    recommended: recs.map((r) => ({
      applicationId: r.application_id,
      platformName: (JSON.parse(r.form) as ApplicationDraft).platformName ?? '',
      unitName: r.unit_name,
      channel: r.channel,
      designatedAreaName: batch.config.designatedAreas.find((a) => a.id === r.designated_area_id)?.name ?? null,
    })),
    submittedAt: pkg?.submitted_at ?? null,
    returnRemarks: pkg?.status === 'returned' ? pkg.return_remarks : null,
  };
}

export async function getOwnPackage(ctx: Context, actor: Actor | null): Promise<CityPackageView> {
  authorize(actor, 'package:own');
  return buildCityPackage(ctx, await currentBatch(ctx), actor.authorityCode!);
}

export async function getPackage(ctx: Context, actor: Actor | null, authorityCode: string): Promise<CityPackageView> {
  authorize(actor, 'package:read', { kind: 'package', authorityCode });
  return buildCityPackage(ctx, await currentBatch(ctx), authorityCode);
}

/**
 * 报送: received by the deadline (to the second, by the server's clock) or inside the province's
 * exception; otherwise DEADLINE_PASSED and nothing changes. The quota is checked again here.
 */
export async function submitCityPackage(
  ctx: Context,
  actor: Actor | null,
  origin: RequestOrigin,
): Promise<CityPackageView> {
  authorize(actor, 'package:own');
  const now = ctx.clock.now();
  const batch = await currentBatch(ctx);
  const code = actor.authorityCode!;
  const exception = await ctx.recommendations.findException(batch.id, code);
  if (!isWithinDeadline(now, batch.config.cityDeadline, exception ? { endsAt: exception.ends_at } : null)) {
    await ctx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'package.submit_refused',
        targetType: 'package',
        targetId: code,
        detail: { reason: 'deadline' },
      },
      now,
    );
    throw new AppError('DEADLINE_PASSED');
  }
  const view = await buildCityPackage(ctx, batch, code);
  const pkg = await ctx.recommendations.findPackage(batch.id, code);
  nextPackageStatus(pkg?.status ?? 'draft', 'submit');
  if (view.problems.length) throw new AppError('NOT_READY', view.problems.join('；'), { problems: view.problems });
  await ctx.transaction(async (tx) => {
    const done = await tx.recommendations.submitPackage(
      batch.id,
      code,
      {
        id: randomUUID(),
        snapshot: JSON.stringify({ recommended: view.recommended, quota: view.quota }),
        submittedBy: actor.userId,
      },
      now,
    );
    if (!done) throw new AppError('INVALID_TRANSITION', '推荐材料已报送');
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'package.submit',
        targetType: 'package',
        targetId: code,
        detail: { batchId: batch.id, platforms: view.recommended.length },
      },
      now,
    );
  });
  return buildCityPackage(ctx, batch, code);
}

/** The province returns a package with remarks; the city may change and resubmit within the deadline or an exception. */
export async function returnCityPackage(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  remarks: string,
  origin: RequestOrigin,
): Promise<CityPackageView> {
  authorize(actor, 'package:manage');
  const batch = await currentBatch(ctx);
  const pkg = await ctx.recommendations.findPackage(batch.id, authorityCode);
  if (!pkg) throw new AppError('INVALID_TRANSITION', '该市尚未报送推荐材料');
  nextPackageStatus(pkg.status, 'return');
  await ctx.transaction(async (tx) => {
    if (!(await tx.recommendations.returnPackage(batch.id, authorityCode, remarks, ctx.clock.now())))
      throw new AppError('INVALID_TRANSITION', '推荐材料状态已变化，请刷新后重试');
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'package.return',
        targetType: 'package',
        targetId: authorityCode,
        detail: { remarks },
      },
      ctx.clock.now(),
    );
  });
  return buildCityPackage(ctx, batch, authorityCode);
}

/** An exception to the deadline, granted to one city by name, with a reason and an end time (audited). */
export async function grantDeadlineException(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  input: { reason: string; endsAt: string },
  origin: RequestOrigin,
): Promise<CityPackageView> {
  authorize(actor, 'package:manage');
  const batch = await currentBatch(ctx);
  const authority = await ctx.references.findAuthority(authorityCode);
  if (!authority || authority.kind !== 'city') throw new AppError('NOT_FOUND', '推荐单位不存在');
  const now = ctx.clock.now();
  if (Date.parse(input.endsAt) <= now.getTime())
    throw new AppError('VALIDATION_FAILED', undefined, {
      errors: [{ field: 'endsAt', message: '截止时间：须晚于当前时间' }],
    });
  await ctx.transaction(async (tx) => {
    await tx.recommendations.upsertException({
      batch_id: batch.id,
      authority_code: authorityCode,
      reason: input.reason,
      ends_at: new Date(input.endsAt).toISOString(),
      granted_by: actor.displayName,
      granted_at: now.toISOString(),
    });
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'package.exception',
        targetType: 'package',
        targetId: authorityCode,
        detail: input,
      },
      now,
    );
  });
  return buildCityPackage(ctx, batch, authorityCode);
}

/** The province's receipt board: every city's package state, channel counts, quota use and receipt time. */
export async function provinceBoard(ctx: Context, actor: Actor | null) {
  authorize(actor, 'board:read');
  const batch = await currentBatch(ctx);
  const cities = (await ctx.references.listAuthorities()).filter((a) => a.kind === 'city');
  const views = await Promise.all(cities.map((c) => buildCityPackage(ctx, batch, c.code)));
  return {
    batch: { id: batch.id, label: batch.label, cityDeadline: batch.config.cityDeadline },
    duplicates: await listDuplicateGroups(ctx, batch.id),
    cities: views.map((v) => ({
      authorityCode: v.authorityCode,
      name: v.authorityName,
      state: v.state,
      counts: {
        quota: v.recommended.filter((r) => r.channel === 'quota').length,
        designated_area: v.recommended.filter((r) => r.channel === 'designated_area').length,
        lab: v.recommended.filter((r) => r.channel === 'lab').length,
      },
      quota: v.quota,
      submittedAt: v.submittedAt,
      exception: v.exception,
    })),
  };
}

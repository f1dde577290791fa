import type { ReviewView } from '#contract';
import { nextApplicationStatus } from '../domain/application-status.js';
import { AppError } from '../domain/errors.js';
import { quotaLimit } from '../domain/quota.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadForReview, loadReviewable, loadReviewView } from './loaders/review.js';
import { auditReview } from './steps/audit-review.js';

type Readiness = keyof ReviewView['readiness'];

/** What recommendation still needs, in the words of the batch (its survey minimum). */
const readinessLabels = (minSurveyed: number): Record<Readiness, string> => ({
  siteCheck: '现场核查（含盖章扫描件）',
  interview: '当面谈话',
  survey: `测评（完成不少于${minSurveyed}家）`,
  opinion: '推荐意见',
});

/**
 * Recommends a platform into a channel: the city quota, a designated area of the city (one each), or
 * lab (outside the quota, with its recognition document). Only once the site check, interview, survey
 * and opinion are complete and the rules hold on the official's figures. The limit holds exactly under
 * concurrency: of two officials taking the last slot, one gets QUOTA_EXHAUSTED; of two taking different
 * free slots, both succeed.
 */
export async function recommendPlatform(
  ctx: Context,
  actor: Actor | null,
  id: string,
  input: { channel: 'quota' | 'designated_area' | 'lab'; designatedAreaId?: string | null },
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  nextApplicationStatus(app.row.status, 'recommend');
  const pkg = await ctx.recommendations.findPackage(app.row.batch_id, app.row.authority_code);
  if (pkg?.status === 'submitted') throw new AppError('PACKAGE_LOCKED');

  const view = await loadReviewView(ctx, app, app.actor);
  const labels = readinessLabels(app.batch.config.rules.minSurveyed);
  const missing = (Object.keys(labels) as Readiness[]).filter((k) => !view.readiness[k]);
  if (missing.length)
    throw new AppError('NOT_READY', `尚未完成：${missing.map((k) => labels[k]).join('、')}`, { missing });
  if (!view.officialEligibility.eligible) {
    throw new AppError('NOT_ELIGIBLE', '按核定数据不符合申报条件，不能推荐', {
      failures: view.officialEligibility.failures,
    });
  }

  let areaId: string | null = null;
  if (input.channel === 'designated_area') {
    const area = app.batch.config.designatedAreas.find((a) => a.id === input.designatedAreaId);
    if (!area || area.authorityCode !== app.row.authority_code) {
      throw new AppError('VALIDATION_FAILED', undefined, {
        errors: [{ field: 'designatedAreaId', message: '特定区域：须为本市的特定区域' }],
      });
    }
    areaId = area.id;
  }
  if (
    input.channel === 'lab' &&
    !(await ctx.applications.listEvidence(id)).some((e) => e.evidence_type === 'lab_recognition')
  ) {
    throw new AppError('NOT_READY', '以实验室渠道推荐须有工信部实验室认定文件');
  }

  const limit = quotaLimit(app.batch.config, app.row.authority_code);
  const row = {
    application_id: id,
    batch_id: app.row.batch_id,
    authority_code: app.row.authority_code,
    channel: input.channel,
    designated_area_id: areaId,
    recommended_by: app.actor.displayName,
    recommended_at: ctx.clock.now().toISOString(),
  };
  // The repository takes a slot exactly under concurrency (a concurrent taker of the same slot makes it
  // try the next); the notification and the audit entry commit with the recommendation or not at all.
  const outcome = await ctx.transaction(async (tx) => {
    const taken = await tx.recommendations.recommend(row, limit, ctx.clock.now());
    if (taken === 'recommended') {
      await tx.notifications.raise({ kind: 'application.recommended', applicationId: id }, ctx.clock.now());
      await auditReview(
        tx,
        app.actor,
        id,
        'application.recommend',
        { channel: input.channel, designatedAreaId: areaId },
        origin.ip,
      );
    }
    return taken;
  });
  if (outcome === 'quota_exhausted')
    throw new AppError('QUOTA_EXHAUSTED', `本市推荐名额（${limit}个）已用完；可撤回已推荐的平台后再推荐`, { limit });
  if (outcome === 'area_taken') throw new AppError('AREA_TAKEN');
  if (outcome === 'status_changed') throw new AppError('INVALID_TRANSITION', '申报状态已变化，请刷新后重试');
  return loadReviewView(ctx, await loadForReview(ctx, actor, id, 'review:read'), app.actor);
}

import type { ReviewView } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadReviewable, loadReviewView } from './loaders/review.js';
import { auditReview } from './steps/audit-review.js';
import { receiveAndStore } from './steps/receive-and-store.js';
import type { ReceiveFile } from './steps/stage-upload.js';

/** The scan of the 现场核查真实性说明 sealed by both sides; the site check must be recorded first. */
export async function uploadSiteCheckScan(
  ctx: Context,
  actor: Actor | null,
  id: string,
  receive: ReceiveFile,
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  if (!(await ctx.reviews.findSiteCheck(id)))
    throw new AppError('INVALID_TRANSITION', '请先填写现场核查记录，再上传盖章的真实性说明扫描件');
  let replaced: string | null = null;
  await receiveAndStore(
    ctx,
    app.actor,
    id,
    'site_check_scan',
    ['pdf', 'jpeg', 'png', 'ofd'],
    receive,
    async (tx, file) => {
      replaced = await tx.reviews.replaceSiteCheckScan(id, file.id);
      await auditReview(
        tx,
        app.actor,
        id,
        'review.site_check_scan',
        { fileId: file.id, sizeBytes: file.size_bytes, replaced: replaced !== null },
        origin.ip,
      );
    },
  );
  if (replaced) await ctx.blobs.remove(replaced);
  return loadReviewView(ctx, app, app.actor);
}

import { randomUUID } from 'node:crypto';
import type { PublicityInput, PublicityView } from '#contract';
import { AppError, fieldError } from '../domain/errors.js';
import { nextRecognitionStatus } from '../domain/recognition-status.js';
import { publicityWindow } from '../domain/working-days.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { workingDayCalendar } from './get-holiday-calendar.js';
import { currentBatch } from './loaders/batch.js';
import { publicityView, loadPublicity } from './loaders/publicity.js';
import { auditedBy } from './steps/audited-by.js';

/**
 * The province publishes a 公示 of the batch's candidates: an explicit list (for now chosen from the applications
 * it received; later the review round's proposals), the notice, N calendar or working days from the start. The
 * window is computed now, on the holiday table as it stands, and stored; audited.
 */
export async function publishPublicity(
  ctx: Context,
  actor: Actor | null,
  input: PublicityInput,
  origin: RequestOrigin,
  batchId?: string,
): Promise<PublicityView> {
  authorize(actor, 'publicity:manage');
  const batch = await currentBatch(ctx, batchId);
  if (new Set(input.applicationIds).size !== input.applicationIds.length)
    throw fieldError('applicationIds', '平台有重复');
  const received = new Set(await ctx.expertReviews.receivedApplicationIds(batch.id));
  const stray = input.applicationIds.findIndex((id) => !received.has(id));
  if (stray >= 0) throw fieldError(`applicationIds.${stray}`, '该申报不是本批次省厅已受理的推荐平台');
  const store = ctx.publicities;
  const listed = await store.onListAlready(input.applicationIds);
  const twice = input.applicationIds.findIndex((id) => listed.has(id));
  if (twice >= 0) throw fieldError(`applicationIds.${twice}`, '该平台已在其他公示名单中');
  const window = publicityWindow(await workingDayCalendar(ctx), input.settings);
  const sources = await store.candidateSources(input.applicationIds);
  if (sources.length !== input.applicationIds.length) throw new AppError('NOT_FOUND', '申报不存在');
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  const status = nextRecognitionStatus('candidate', 'publicize');
  await ctx.transaction(async (tx) => {
    await tx.publicities.insertPublicity(
      {
        id,
        batch_id: batch.id,
        title: input.title,
        notice: input.notice,
        settings: JSON.stringify(input.settings),
        starts_at: window.startsAt,
        ends_at: window.endsAt,
        first_day: window.firstDay,
        last_day: window.lastDay,
        objection_count: 0,
        created_by: actor.userId,
        created_at: now,
      },
      sources.map((s, position) => ({
        id: randomUUID(),
        publicity_id: id,
        application_id: s.application_id,
        unit_id: s.unit_id,
        authority_code: s.authority_code,
        platform_name: s.platform_name,
        unit_name: s.unit_name,
        city_name: s.city_name,
        position,
        status,
        valid_from: null,
        valid_to: null,
        certificate_number: null,
        history: JSON.stringify([{ status, at: now, note: input.title }]),
        updated_at: now,
      })),
    );
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'publicity.publish',
        targetType: 'publicity',
        targetId: id,
        detail: {
          batchId: batch.id,
          title: input.title,
          applicationIds: input.applicationIds,
          days: input.settings.days,
          unit: input.settings.unit,
          window,
        },
      },
      ctx.clock.now(),
    );
  });
  return publicityView(ctx, await loadPublicity(ctx, id));
}

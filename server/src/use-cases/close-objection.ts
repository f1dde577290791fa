import type { ObjectionClose, ObjectionView } from '#contract';
import { objectionOutcomes } from '#contract';
import { AppError } from '../domain/errors.js';
import { nextRecognitionStatus } from '../domain/recognition-status.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { HistoryEntry } from '../presenters/publicity.js';
import type { Context, RequestOrigin } from './context.js';
import { loadObjection, objectionView } from './loaders/publicity.js';
import { auditedBy } from './steps/audited-by.js';

/**
 * The province closes an objection with its outcome and the reasons. An upheld objection takes the platform off
 * the list (withdrawn), in the same transaction as the objection and the audit entry.
 */
export async function closeObjection(
  ctx: Context,
  actor: Actor | null,
  objectionId: string,
  input: ObjectionClose,
  origin: RequestOrigin,
): Promise<ObjectionView> {
  authorize(actor, 'publicity:manage');
  const objection = await loadObjection(ctx, objectionId);
  const now = ctx.clock.now().toISOString();
  await ctx.transaction(async (tx) => {
    const store = tx.publicities;
    const closed = await store.closeObjection(objection.id, {
      outcome: input.outcome,
      outcome_text: input.text,
      closed_by: actor.userId,
      closed_at: now,
    });
    if (!closed) throw new AppError('INVALID_TRANSITION', `异议${objection.receipt_number}已办结`);
    let withdrawn = false;
    if (input.outcome === 'upheld') {
      const candidate = (await store.findCandidate(objection.recognition_id))!;
      const status = nextRecognitionStatus(candidate.status, 'withdraw');
      const history = JSON.parse(candidate.history) as HistoryEntry[];
      history.push({ status, at: now, note: `异议${objection.receipt_number}成立：${input.text}` });
      withdrawn = await store.updateCandidate(candidate.id, candidate.status, {
        status,
        history: JSON.stringify(history),
        updated_at: now,
      });
      if (!withdrawn) throw new AppError('INVALID_TRANSITION', '该平台状态刚有变化，请刷新后重试');
    }
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'objection.close',
        targetType: 'objection',
        targetId: objection.id,
        detail: {
          receiptNumber: objection.receipt_number,
          outcome: input.outcome,
          outcomeLabel: objectionOutcomes[input.outcome],
          text: input.text,
          candidateWithdrawn: withdrawn,
        },
      },
      ctx.clock.now(),
    );
  });
  return objectionView(ctx, objection.id);
}

import type { RecognitionStatus } from '#contract';
import { beijingDateOf, formatChineseDate } from '../domain/calendar.js';
import { nextRecognitionStatus } from '../domain/recognition-status.js';
import type { HistoryEntry } from '../presenters/publicity.js';
import type { Context } from './context.js';

/**
 * The end of validity (the state machine's `expire` and `renew`): once a recognition's last day (Beijing date) is
 * past, a recognised platform — in 整改 or not — becomes expired; if the same unit was recognised again for the
 * next period (复核: it applied in the new batch, from its previous application, and passed review, 公示 and 认定),
 * it becomes renewed, naming the new certificate. Each change is a compare-and-set on the status in one transaction
 * with its audit entry, so several processes running the job at once change and audit each record once.
 */
export async function expireRecognitions(ctx: Context): Promise<{ expired: number; renewed: number }> {
  const now = ctx.clock.now();
  const today = beijingDateOf(now);
  const result = { expired: 0, renewed: 0 };
  for (const r of await ctx.publicities.listLapsed(today)) {
    const successor = await ctx.publicities.findSuccessor(r.unit_id, r.valid_to!);
    const at = now.toISOString();
    const history = JSON.parse(r.history) as HistoryEntry[];
    let status: RecognitionStatus = nextRecognitionStatus(r.status, 'expire');
    history.push({ status, at, note: `有效期至${formatChineseDate(r.valid_to!)}届满` });
    if (successor) {
      status = nextRecognitionStatus(status, 'renew');
      history.push({
        status,
        at,
        note: `经复核再次认定，新证书编号${successor.certificate_number}，有效期${successor.valid_from}至${successor.valid_to}`,
      });
    }
    const changed = await ctx.transaction(async (tx) => {
      const updated = await tx.publicities.updateCandidate(r.id, r.status, {
        status,
        history: JSON.stringify(history),
        updated_at: at,
      });
      if (!updated) return false;
      await tx.audit.record(
        {
          actorUserId: null,
          actorName: 'system',
          ip: null,
          action: successor ? 'recognition.renew' : 'recognition.expire',
          targetType: 'recognition',
          targetId: r.id,
          detail: {
            number: r.certificate_number,
            validTo: r.valid_to,
            ...(successor ? { successor: successor.id, successorNumber: successor.certificate_number } : {}),
          },
        },
        now,
      );
      return true;
    });
    if (changed) result[successor ? 'renewed' : 'expired']++;
  }
  return result;
}

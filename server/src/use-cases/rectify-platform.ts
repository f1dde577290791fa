import { randomUUID } from 'node:crypto';
import type { AnnualReportView } from '#contract';
import { reportYears } from '../domain/annual-report.js';
import { beijingDateOf, formatChineseDate } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import { nextRecognitionStatus } from '../domain/recognition-status.js';
import type { Actor } from '../policies/policy.js';
import type { RecognizedRow } from '../repositories/annual-report-repository.js';
import type { HistoryEntry } from '../presenters/publicity.js';
import type { Context, RequestOrigin } from './context.js';
import { loadRecognition, yearView } from './loaders/annual-report.js';
import { auditedBy } from './steps/audited-by.js';

/** The recognition's status changed by `event`, its history extended, if it is still in the status read. */
async function transition(
  tx: Context,
  recognition: RecognizedRow,
  event: 'order_rectification' | 'accept_rectification',
  note: string,
  at: string,
): Promise<void> {
  const status = nextRecognitionStatus(recognition.status, event);
  const history = JSON.parse(recognition.history) as HistoryEntry[];
  history.push({ status, at, note });
  const changed = await tx.publicities.updateCandidate(recognition.id, recognition.status, {
    status,
    history: JSON.stringify(history),
    updated_at: at,
  });
  if (!changed) throw new AppError('INVALID_TRANSITION', '该平台的认定状态刚有变化，请刷新后重试');
}

/**
 * The province orders 整改 on a recognised platform (for a year's report, missing or wanting), with the reason and
 * the last day: the platform is 整改中 until the province accepts its rectification (or revokes the recognition).
 */
export async function orderRectification(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  input: { reportYear: number; reason: string; deadline: string },
  origin: RequestOrigin,
): Promise<AnnualReportView> {
  const { recognition, batch } = await loadRecognition(ctx, actor, recognitionId, 'recognition:manage');
  if (!reportYears(recognition.valid_from!, recognition.valid_to!).includes(input.reportYear)) {
    throw new AppError('VALIDATION_FAILED', `该平台没有${input.reportYear}年度`, {
      errors: [{ field: 'reportYear', message: '不在认定有效期内' }],
    });
  }
  const now = ctx.clock.now();
  if (input.deadline <= beijingDateOf(now)) {
    throw new AppError('VALIDATION_FAILED', '整改期限须晚于今天', {
      errors: [{ field: 'deadline', message: '整改期限须晚于今天' }],
    });
  }
  const at = now.toISOString();
  const id = randomUUID();
  await ctx.transaction(async (tx) => {
    await transition(
      tx,
      recognition,
      'order_rectification',
      `责令整改，期限至${formatChineseDate(input.deadline)}：${input.reason}`,
      at,
    );
    await tx.annualReports.insertRectification({
      id,
      recognition_id: recognition.id,
      report_year: input.reportYear,
      reason: input.reason,
      deadline: input.deadline,
      ordered_by: actor!.userId,
      ordered_at: at,
      response: null,
      responded_by: null,
      responded_at: null,
      status: 'open',
      close_note: null,
      closed_by: null,
      closed_at: null,
    });
    await tx.audit.record(
      {
        ...auditedBy(actor!, origin.ip),
        action: 'rectification.order',
        targetType: 'recognition',
        targetId: recognition.id,
        detail: { rectificationId: id, ...input },
      },
      now,
    );
    await tx.notifications.raise(
      {
        kind: 'rectification.ordered',
        recognitionId: recognition.id,
        year: input.reportYear,
        deadline: input.deadline,
        reason: input.reason,
      },
      now,
    );
  });
  return yearView(ctx, recognition, batch, input.reportYear);
}

async function openRectification(ctx: Context, recognitionId: string) {
  const latest = (await ctx.annualReports.latestRectifications([recognitionId])).get(recognitionId);
  if (latest?.status !== 'open') throw new AppError('INVALID_TRANSITION', '该平台没有未结束的整改');
  return latest;
}

/** The platform answers its open 整改 order (what it changed); it may amend the answer until the order is closed. */
export async function respondToRectification(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  response: string,
  origin: RequestOrigin,
): Promise<AnnualReportView> {
  const { recognition, batch } = await loadRecognition(ctx, actor, recognitionId, 'recognition:own');
  const order = await openRectification(ctx, recognition.id);
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    const saved = await tx.annualReports.updateOpenRectification(order.id, {
      response,
      responded_by: actor!.userId,
      responded_at: now.toISOString(),
    });
    if (!saved) throw new AppError('INVALID_TRANSITION', '该整改已结束');
    await tx.audit.record(
      {
        ...auditedBy(actor!, origin.ip),
        action: 'rectification.respond',
        targetType: 'recognition',
        targetId: recognition.id,
        detail: { rectificationId: order.id, response },
      },
      now,
    );
  });
  return yearView(ctx, recognition, batch, order.report_year);
}

/** The province accepts the rectification: the order is closed and the platform is 已认定 again. */
export async function acceptRectification(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  note: string,
  origin: RequestOrigin,
): Promise<AnnualReportView> {
  const { recognition, batch } = await loadRecognition(ctx, actor, recognitionId, 'recognition:manage');
  const order = await openRectification(ctx, recognition.id);
  if (!order.response) throw new AppError('INVALID_TRANSITION', '平台尚未提交整改情况，不能验收');
  const now = ctx.clock.now();
  const at = now.toISOString();
  await ctx.transaction(async (tx) => {
    const closed = await tx.annualReports.updateOpenRectification(order.id, {
      status: 'accepted',
      close_note: note,
      closed_by: actor!.userId,
      closed_at: at,
    });
    if (!closed) throw new AppError('INVALID_TRANSITION', '该整改已结束');
    await transition(tx, recognition, 'accept_rectification', `整改验收通过：${note}`, at);
    await tx.audit.record(
      {
        ...auditedBy(actor!, origin.ip),
        action: 'rectification.accept',
        targetType: 'recognition',
        targetId: recognition.id,
        detail: { rectificationId: order.id, note },
      },
      now,
    );
  });
  return yearView(ctx, recognition, batch, order.report_year);
}

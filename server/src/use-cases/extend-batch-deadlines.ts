import type { AdminBatchView, BatchConfig, ExtendBatchDeadlinesInput, FieldError } from '#contract';
import { validateBatchConfig } from '../domain/batch-validation.js';
import { formatChineseDateTime } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import { presentAdminBatch } from '../presenters/admin-batch.js';
import type { Context, RequestOrigin } from './context.js';
import { auditedBy } from './steps/audited-by.js';
import { batchAtVersion, invalidBatch, savePublishedAmendment } from './steps/batch-administration.js';

/** Each deadline may stay or move later, never earlier; “until the city deadline” (null) stays as it is. */
function earlierDeadlines(before: BatchConfig, input: ExtendBatchDeadlinesInput): FieldError[] {
  const errors: FieldError[] = [];
  const earlier = (a: string, b: string) => Date.parse(b) < Date.parse(a);
  if (earlier(before.cityDeadline, input.cityDeadline)) {
    errors.push({ field: 'cityDeadline', message: '市级报送截止时间：只能推迟，不能提前' });
  }
  if (before.applicationDeadline === null && input.applicationDeadline !== null) {
    errors.push({ field: 'applicationDeadline', message: '申报截止时间：本批次申报截止于市级报送截止时间，不能另设' });
  } else if (
    before.applicationDeadline !== null &&
    (input.applicationDeadline === null || earlier(before.applicationDeadline, input.applicationDeadline))
  ) {
    errors.push({ field: 'applicationDeadline', message: '申报截止时间：只能推迟，不能提前' });
  }
  return errors;
}

const describe = (deadline: string | null) =>
  deadline ? formatChineseDateTime(new Date(deadline)) : '同市级报送截止时间';

/**
 * After publication, the system administrator extends the application and city deadlines, with a reason:
 * audited and listed in the batch's changes, which every user of the batch sees.
 */
export async function extendBatchDeadlines(
  ctx: Context,
  actor: Actor | null,
  id: string,
  input: ExtendBatchDeadlinesInput,
  origin: RequestOrigin,
): Promise<AdminBatchView> {
  authorize(actor, 'batch:admin');
  const now = ctx.clock.now();
  const extended = await ctx.transaction(async (tx) => {
    const batch = await batchAtVersion(tx, id, input.version);
    if (batch.status !== 'published') throw new AppError('BATCH_IN_PREPARATION');
    const before = batch.config;
    const config: BatchConfig = {
      ...before,
      applicationDeadline: input.applicationDeadline,
      cityDeadline: input.cityDeadline,
    };
    const [authorities, regions] = await Promise.all([tx.references.listAuthorities(), tx.references.listRegions()]);
    const errors = [
      ...validateBatchConfig(config, { authorities, regions }).map((e) => ({
        ...e,
        field: e.field.replace(/^config\./, ''),
      })),
      ...earlierDeadlines(before, input),
    ];
    if (errors.length > 0) throw invalidBatch(errors);
    if (before.cityDeadline === config.cityDeadline && before.applicationDeadline === config.applicationDeadline) {
      throw invalidBatch([{ field: 'cityDeadline', message: '截止时间：与现行截止时间相同，无需延期' }]);
    }
    const parts = [
      before.applicationDeadline !== config.applicationDeadline &&
        `申报截止时间由${describe(before.applicationDeadline)}延至${describe(config.applicationDeadline)}`,
      before.cityDeadline !== config.cityDeadline &&
        `市级报送截止时间由${describe(before.cityDeadline)}延至${describe(config.cityDeadline)}`,
    ].filter((p): p is string => typeof p === 'string');
    const summary = `${parts.join('；')}。原因：${input.reason}`;
    await savePublishedAmendment(
      tx,
      batch,
      input.version,
      { label: batch.label, config },
      { at: now, kind: 'deadline', summary },
    );
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'batch.extend_deadlines',
        targetType: 'batch',
        targetId: id,
        detail: {
          reason: input.reason,
          applicationDeadline: { before: before.applicationDeadline, after: config.applicationDeadline },
          cityDeadline: { before: before.cityDeadline, after: config.cityDeadline },
        },
      },
      now,
    );
    return (await tx.references.findAnyBatch(id))!;
  });
  return presentAdminBatch(extended);
}

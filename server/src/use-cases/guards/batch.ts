import { formatChineseDate } from '../../domain/calendar.js';
import { isWithinDeadline } from '../../domain/deadline.js';
import { fieldError } from '../../domain/errors.js';
import type { Batch } from '../../repositories/reference-repository.js';

/** A batch takes applications until its application (or, failing that, city) deadline, inclusive to the second. */
export function isBatchOpen(batch: Batch, now: Date): boolean {
  return isWithinDeadline(now, batch.config.applicationDeadline ?? batch.config.cityDeadline, null);
}

/** A date the city records in a batch's review (核查, 谈话, 推荐意见) cannot come before the batch's notice. */
export function assertOnOrAfterNotice(batch: Batch, field: string, label: string, date: string): void {
  if (date < batch.config.noticeDate)
    throw fieldError(field, `${label}不能早于本批次通知日期（${formatChineseDate(batch.config.noticeDate)}）`);
}

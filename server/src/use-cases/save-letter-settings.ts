import type { LetterSettingsInput, LetterSettingsView } from '#contract';
import { beijingDateOf, formatChineseDate } from '../domain/calendar.js';
import { AppError, fieldError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadLetterSettings } from './get-letter-settings.js';
import { currentBatch } from './loaders/batch.js';
import { auditedBy } from './steps/audited-by.js';
import { checkNextNumber, moveNextNumber } from './steps/letter-number.js';

/**
 * Saves how the city's 推荐文件 is issued (audited). The next number may move forward past numbers its
 * office gave by hand, never back to one this system gave; the 成文日期 lies between the notice's date
 * and the city's deadline, and is fixed once the package is submitted (until the province returns it).
 */
export async function saveLetterSettings(
  ctx: Context,
  actor: Actor | null,
  input: LetterSettingsInput,
  origin: RequestOrigin,
  batchId?: string,
): Promise<LetterSettingsView> {
  authorize(actor, 'package:own');
  const code = actor.authorityCode!;
  const batch = await currentBatch(ctx, batchId);
  const before = await loadLetterSettings(ctx, batch, code);
  checkNextNumber(input.nextNumber, before.minNextNumber);
  if (input.documentDate !== before.documentDate) {
    if (before.documentDateLocked) {
      throw new AppError('INVALID_TRANSITION', '推荐材料已报送，成文日期不能修改；如需修改须由省厅退回');
    }
    const { noticeDate, cityDeadline } = batch.config;
    const exception = await ctx.recommendations.findException(batch.id, code);
    const deadline = Math.max(Date.parse(cityDeadline), exception ? Date.parse(exception.ends_at) : 0);
    const latest = beijingDateOf(new Date(deadline));
    if (input.documentDate && (input.documentDate < noticeDate || input.documentDate > latest)) {
      throw fieldError(
        'documentDate',
        `成文日期：须在通知发布日期（${formatChineseDate(noticeDate)}）与报送截止日期（${formatChineseDate(latest)}）之间`,
      );
    }
  }
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    await tx.letters.saveSettings(code, input, now);
    await moveNextNumber(tx, code, batch.year, input.nextNumber, before.nextNumber);
    if (input.documentDate !== before.documentDate) {
      await tx.recommendations.setDocumentDate(batch.id, code, input.documentDate, now);
    }
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'package.letter_settings',
        targetType: 'package',
        targetId: code,
        detail: { year: batch.year, ...input },
      },
      now,
    );
  });
  return loadLetterSettings(ctx, batch, code);
}

import type { AnnualReportSettings } from '#contract';
import { buildRecognitionDecision, type RecognitionDecision } from '../../documents/recognition-decision.js';
import { AppError } from '../../domain/errors.js';
import type { LetterSettingsValues } from '../../repositories/letter-repository.js';
import type { PublicityRow } from '../../repositories/publicity-repository.js';
import type { Context } from '../context.js';

/** What 认定 froze of its 认定文件 (publicities.decision): the issuer as its settings stood, the number, 成文日期. */
export interface DecisionSnapshot {
  issuer: LetterSettingsValues;
  docSequence: number;
  date: string;
}

/** "2月底", "3月31日": when each year's report is due, as the 认定文件 says it. */
const dueWords = ({ month, day }: AnnualReportSettings) => (day === 'last' ? `${month}月底` : `${month}月${day}日`);

/** Those the 认定文件 is copied to (抄送机关). */
const COPY_TO = ['工业和信息化部中小企业局'];

/**
 * 认定文件's view model: the platforms recognised at the 公示's 认定 (those given a certificate number there, in the
 * list's order, whatever became of them since), with the validity, the 公示's days, the batch's notice and what 认定
 * froze. Refused before 认定.
 */
export async function recognitionDecisionFor(ctx: Context, publicity: PublicityRow): Promise<RecognitionDecision> {
  if (!publicity.decision) throw new AppError('INVALID_TRANSITION', '本次公示尚未认定，认定后才有认定文件');
  const snapshot = JSON.parse(publicity.decision) as DecisionSnapshot;
  const recognised = (await ctx.publicities.listCandidates([publicity.id])).filter((c) => c.certificate_number);
  const batch = await ctx.references.findBatch(publicity.batch_id);
  if (!batch) throw new AppError('NOT_FOUND', '申报批次不存在');
  const first = recognised[0];
  return buildRecognitionDecision({
    year: batch.year,
    noticeTitle: batch.config.notice?.title ?? `关于组织申报${batch.year}年度省级中小企业公共服务示范平台的通知`,
    issuer: snapshot.issuer,
    docSequence: snapshot.docSequence,
    date: snapshot.date,
    publicity: { firstDay: publicity.first_day, lastDay: publicity.last_day },
    validity: { validFrom: first?.valid_from ?? '', validTo: first?.valid_to ?? '' },
    reportDueWords: dueWords(batch.config.recognition.annualReport),
    platforms: recognised.map((c) => ({
      platformName: c.platform_name,
      unitName: c.unit_name,
      cityName: c.city_name,
      certificateNumber: c.certificate_number!,
    })),
    copyTo: COPY_TO,
  });
}

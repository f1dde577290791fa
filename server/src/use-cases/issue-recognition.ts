import type { PublicityView } from '#contract';
import { isUniqueViolation } from '../db/database.js';
import { formatDocNumber } from '../documents/official-document.js';
import { beijingDateOf } from '../domain/calendar.js';
import { certificateNumber, nextCertificateSequence, validityWindow } from '../domain/certificate.js';
import { AppError } from '../domain/errors.js';
import { recognitionBlockers, recognize } from '../domain/recognition-status.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { HistoryEntry } from '../presenters/publicity.js';
import { issueCertificates, type IssuedRecognition } from './certificates.js';
import type { Context, RequestOrigin } from './context.js';
import { PROVINCE_AUTHORITY, provinceLetterIssuer } from './loaders/letter-issuer.js';
import { loadPublicity, publicityView } from './loaders/publicity.js';
import { auditedBy } from './steps/audited-by.js';
import type { DecisionSnapshot } from './steps/recognition-decision.js';

/**
 * The province issues 认定 for the candidates of a 公示 still on its list (a candidate whose objection was upheld
 * was withdrawn when it was closed). Refused, naming every reason, before the window has ended or while any
 * objection about a candidate is open (domain/recognition-status `recognitionBlockers`). Each candidate becomes
 * recognised with its validity (domain/certificate) and the next certificate number of the year, and gets its
 * certificate signed with the province's key (certificates.ts); the 认定文件 takes the province's next 发文字号 and
 * is frozen with its issuer and 成文日期 (steps/recognition-decision.ts) — all in one transaction with the audit entry.
 */
export async function issueRecognition(
  ctx: Context,
  actor: Actor | null,
  publicityId: string,
  origin: RequestOrigin,
): Promise<PublicityView> {
  authorize(actor, 'publicity:manage');
  const publicity = await loadPublicity(ctx, publicityId);
  const now = ctx.clock.now();
  const window = { startsAt: publicity.starts_at, endsAt: publicity.ends_at };
  const windowBlockers = recognitionBlockers({ window, openObjections: [], now });
  if (windowBlockers.length) throw refusal(windowBlockers.map((b) => b.message));

  const store = ctx.publicities;
  const candidates = (await store.listCandidates([publicity.id])).filter((c) => c.status === 'publicized');
  if (!candidates.length) throw new AppError('INVALID_TRANSITION', '本次公示没有待认定的平台');
  const objections = await store.listObjections(publicity.id);
  const openOf = (candidateId: string) =>
    objections.filter((o) => o.recognition_id === candidateId && o.status === 'open').map((o) => o.receipt_number);
  const blocked = candidates.flatMap((c) =>
    recognitionBlockers({ window, openObjections: openOf(c.id), now }).map((b) => `${c.platform_name}：${b.message}`),
  );
  if (blocked.length) throw refusal(blocked);

  const recognizedOn = beijingDateOf(now);
  const year = Number(recognizedOn.slice(0, 4));
  const batch = await ctx.references.findBatch(publicity.batch_id);
  if (!batch) throw new AppError('NOT_FOUND', '申报批次不存在');
  const validity = validityWindow(recognizedOn, batch.config.recognition.validity);
  const at = now.toISOString();
  const issued: { candidateId: string; certificateNumber: string }[] = [];
  try {
    await ctx.transaction(async (tx) => {
      const txStore = tx.publicities;
      let sequence = nextCertificateSequence(await txStore.certificateNumbers(), year);
      const certificates: IssuedRecognition[] = [];
      for (const c of candidates) {
        const status = recognize(c.status, { window, openObjections: openOf(c.id), now });
        const number = certificateNumber(year, sequence++);
        const history = JSON.parse(c.history) as HistoryEntry[];
        history.push({ status, at, note: `认定，证书编号${number}，有效期${validity.validFrom}至${validity.validTo}` });
        const changed = await txStore.updateCandidate(c.id, c.status, {
          status,
          valid_from: validity.validFrom,
          valid_to: validity.validTo,
          certificate_number: number,
          history: JSON.stringify(history),
          updated_at: at,
        });
        if (!changed) throw new AppError('INVALID_TRANSITION', '公示名单刚有变化，请刷新后重试');
        issued.push({ candidateId: c.id, certificateNumber: number });
        certificates.push({ recognition: c, number, ...validity });
      }
      await issueCertificates(tx, certificates, recognizedOn);
      const decision: DecisionSnapshot = {
        issuer: await provinceLetterIssuer(tx),
        docSequence: await tx.letters.takeNumber(PROVINCE_AUTHORITY, year),
        date: recognizedOn,
      };
      await txStore.recordDecision(publicity.id, JSON.stringify(decision));
      await tx.audit.record(
        {
          ...auditedBy(actor, origin.ip),
          action: 'recognition.issue',
          targetType: 'publicity',
          targetId: publicity.id,
          detail: {
            recognizedOn,
            validFrom: validity.validFrom,
            validTo: validity.validTo,
            issued,
            docNumber: formatDocNumber(decision.issuer.docNumberPrefix, year, decision.docSequence),
          },
        },
        ctx.clock.now(),
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('INVALID_TRANSITION', '证书编号刚被另一次认定占用，请重试');
    throw err;
  }
  return publicityView(ctx, publicity);
}

const refusal = (messages: string[]) =>
  new AppError('INVALID_TRANSITION', `暂不能认定：${messages.join('；')}`, { reasons: messages });

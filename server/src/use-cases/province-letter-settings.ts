import type { ProvinceLetterSettingsInput, ProvinceLetterSettingsView } from '#contract';
import { formatDocNumber } from '../documents/official-document.js';
import { beijingDateOf } from '../domain/calendar.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { PROVINCE_AUTHORITY, provinceLetterIssuer } from './loaders/letter-issuer.js';
import { auditedBy } from './steps/audited-by.js';
import { checkNextNumber, moveNextNumber } from './steps/letter-number.js';

async function load(ctx: Context): Promise<ProvinceLetterSettingsView> {
  const year = Number(beijingDateOf(ctx.clock.now()).slice(0, 4));
  const [issuer, sequence] = await Promise.all([
    provinceLetterIssuer(ctx),
    ctx.letters.findSequence(PROVINCE_AUTHORITY, year),
  ]);
  const nextNumber = sequence?.next_number ?? 1;
  return {
    officialName: issuer.officialName,
    letterhead: issuer.letterhead,
    docNumberPrefix: issuer.docNumberPrefix,
    nextNumber,
    year,
    minNextNumber: (sequence?.last_given ?? 0) + 1,
    nextDocNumber: formatDocNumber(issuer.docNumberPrefix, year, nextNumber),
  };
}

/** How the province's 认定文件 is issued, and the number the next 认定 takes. */
export async function getProvinceLetterSettings(
  ctx: Context,
  actor: Actor | null,
): Promise<ProvinceLetterSettingsView> {
  authorize(actor, 'publicity:manage');
  return load(ctx);
}

/**
 * Saves how the province's 认定文件 is issued (audited). The next number of the year may move forward past numbers
 * its office gave by hand, never back to one this system gave (checked again in the UPDATE, against a 认定 issued
 * meanwhile). A 认定文件 already issued keeps the issuer it was frozen with.
 */
export async function saveProvinceLetterSettings(
  ctx: Context,
  actor: Actor | null,
  input: ProvinceLetterSettingsInput,
  origin: RequestOrigin,
): Promise<ProvinceLetterSettingsView> {
  authorize(actor, 'publicity:manage');
  const before = await load(ctx);
  checkNextNumber(input.nextNumber, before.minNextNumber);
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    await tx.letters.saveSettings(PROVINCE_AUTHORITY, { ...input, contactName: null, contactPhone: null }, now);
    await moveNextNumber(tx, PROVINCE_AUTHORITY, before.year, input.nextNumber, before.nextNumber);
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'publicity.letter_settings',
        targetType: 'authority',
        targetId: PROVINCE_AUTHORITY,
        detail: { year: before.year, ...input },
      },
      now,
    );
  });
  return load(ctx);
}

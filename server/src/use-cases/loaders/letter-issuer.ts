import type { LetterSettingsValues } from '../../repositories/letter-repository.js';
import regions from '../../seed/regions.json' with { type: 'json' };
import type { Context } from '../context.js';

/**
 * Until an authority saves its settings, its letters sign with "<city>工业和信息化局" and number with the
 * city's first character + 工信函; the many exceptions (开封 汴, 南阳 宛 …) are why the settings exist.
 */
export function defaultLetterIssuer(authorityName: string): LetterSettingsValues {
  const official = `${authorityName}工业和信息化局`;
  return {
    officialName: official,
    letterhead: official,
    docNumberPrefix: `${authorityName.slice(0, 1)}工信函`,
    contactName: null,
    contactPhone: null,
  };
}

/** The authority's saved letter settings, or the defaults (a city's, unless told). */
export async function letterIssuerOf(
  ctx: Context,
  authority: { code: string; name: string },
  defaults: LetterSettingsValues = defaultLetterIssuer(authority.name),
): Promise<LetterSettingsValues> {
  const row = await ctx.letters.findSettings(authority.code);
  if (!row) return defaults;
  return {
    officialName: row.official_name,
    letterhead: row.letterhead,
    docNumberPrefix: row.doc_number_prefix,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
  };
}

/**
 * The province's 认定文件 issuer: its letter settings (the province authority's row in letter_settings) or, until
 * it has one, 河南省工业和信息化厅 under the 发文机关标志 河南省工业和信息化厅文件, numbered 豫工信企业〔2026〕n号 from its
 * own 发文字号 sequence.
 */
export function provinceLetterIssuer(ctx: Context): Promise<LetterSettingsValues> {
  const { code, name } = regions.province;
  return letterIssuerOf(
    ctx,
    { code, name },
    {
      officialName: name,
      letterhead: `${name}文件`,
      docNumberPrefix: '豫工信企业',
      contactName: null,
      contactPhone: null,
    },
  );
}

/** The authority whose 发文字号 sequence the province's documents take their numbers from. */
export const PROVINCE_AUTHORITY = regions.province.code;

import type { LetterSettingsValues } from '../../repositories/letter-repository.js';
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

/** The authority's saved letter settings, or the defaults. */
export async function letterIssuerOf(
  ctx: Context,
  authority: { code: string; name: string },
): Promise<LetterSettingsValues> {
  const row = await ctx.letters.findSettings(authority.code);
  if (!row) return defaultLetterIssuer(authority.name);
  return {
    officialName: row.official_name,
    letterhead: row.letterhead,
    docNumberPrefix: row.doc_number_prefix,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
  };
}

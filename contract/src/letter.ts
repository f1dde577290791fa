import { z } from 'zod';
import { isoDate, mobileOrLandline, optionalText, requiredText } from './validation.js';

/**
 * An authority's 推荐文件 settings: how it signs (发文机关署名), its 发文机关标志 printed red at the head, the
 * 代字 of its 发文字号 (洛工信函 in 洛工信函〔2022〕3号), the next number and the 附注 contact, plus the
 * 成文日期 of the package in preparation (empty: the day it is submitted).
 */
export const letterSettingsInputSchema = z.object({
  officialName: requiredText(40),
  letterhead: requiredText(40),
  docNumberPrefix: requiredText(12).regex(/^[\u4e00-\u9fa5]+$/, { error: '只能由汉字组成，如“洛工信函”' }),
  contactName: optionalText(20).nullable(),
  contactPhone: mobileOrLandline.nullable(),
  nextNumber: z
    .number({ error: '须为数字' })
    .int({ error: '须为整数' })
    .min(1, { error: '须从1起编' })
    .max(9999, { error: '不能超过9999' }),
  documentDate: isoDate.nullable(),
});
export type LetterSettingsInput = z.infer<typeof letterSettingsInputSchema>;

export const letterSettingsViewSchema = letterSettingsInputSchema
  .extend({
    /** The year of the numbers (the batch's). */
    year: z.number().int(),
    /** Numbers below this one were given: the next number cannot go back. */
    minNextNumber: z.number().int(),
    /** The number the next submission takes, e.g. 洛工信函〔2022〕3号. */
    nextDocNumber: z.string(),
    /** 成文日期 cannot change once the package is submitted (until it is returned). */
    documentDateLocked: z.boolean(),
  })
  .meta({ id: 'LetterSettingsView' });
export type LetterSettingsView = z.infer<typeof letterSettingsViewSchema>;

/**
 * The province's settings for its 认定文件: how it signs, its 发文机关标志, the 代字 of its 发文字号 (豫工信企业 in
 * 豫工信企业〔2026〕12号) and the next number of the current year (the document carries no 附注 contact).
 */
export const provinceLetterSettingsInputSchema = letterSettingsInputSchema.pick({
  officialName: true,
  letterhead: true,
  docNumberPrefix: true,
  nextNumber: true,
});
export type ProvinceLetterSettingsInput = z.infer<typeof provinceLetterSettingsInputSchema>;

export const provinceLetterSettingsViewSchema = provinceLetterSettingsInputSchema
  .extend({
    /** The year of the numbers: the current year in Beijing (the year of 认定). */
    year: z.number().int(),
    minNextNumber: z.number().int(),
    /** The number the next 认定 takes, e.g. 豫工信企业〔2026〕12号. */
    nextDocNumber: z.string(),
  })
  .meta({ id: 'ProvinceLetterSettingsView' });
export type ProvinceLetterSettingsView = z.infer<typeof provinceLetterSettingsViewSchema>;

/** What a submitted package's letter carries: its number, 成文日期 and the fingerprint of its materials. */
export const submittedLetterSchema = z.object({
  docNumber: z.string(),
  documentDate: z.string(),
  fingerprint: z.string(),
});
export type SubmittedLetter = z.infer<typeof submittedLetterSchema>;

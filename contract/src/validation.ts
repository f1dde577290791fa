import { z } from 'zod';

/** Calendar date as YYYY-MM-DD that really exists (no 2月30日). */
export const isoDate = z
  .string({ error: '须为日期，格式 YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式须为 YYYY-MM-DD' })
  .refine(
    (s) => {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      const dt = new Date(Date.UTC(y, m - 1, d));
      return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
    },
    { error: '不是有效的日历日期' },
  );

/** China Standard Time (Asia/Shanghai) is UTC+8 all year, without daylight saving. */
export const BEIJING_OFFSET_MS = 8 * 3600_000;

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

export const pastOrTodayDate = isoDate.refine((s) => s <= todayInShanghai(), { error: '不能晚于今天' });

export const nonNegativeInt = z
  .number({ error: '须为数字' })
  .int({ error: '须为整数' })
  .min(0, { error: '不能为负数' })
  .max(10_000_000, { error: '数值过大' });

export const nonNegativeAmount = z
  .number({ error: '须为数字' })
  .finite({ error: '须为有限数字' })
  .min(0, { error: '不能为负数' })
  .max(100_000_000, { error: '数值过大' });

export const percent = z
  .number({ error: '须为数字' })
  .min(0, { error: '不能为负数' })
  .max(100, { error: '不能超过100' });

export const requiredText = (max = 200) =>
  z
    .string({ error: '须填写' })
    .trim()
    .min(1, { error: '须填写' })
    .max(max, { error: `不能超过${max}个字符` });

export const optionalText = (max = 2000) =>
  z
    .string({ error: '须为文本' })
    .trim()
    .max(max, { error: `不能超过${max}个字符` });

export const mobileOrLandline = z
  .string({ error: '须填写' })
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: '须为手机号（11位）或座机号（如 0371-65507615）' });

import { z } from 'zod';
import { isValidUscc } from './uscc.js';
import { isoDate, optionalText, requiredText } from './validation.js';

/**
 * After the expert review (issue 16, domain §10): the holiday calendar working days are counted on, the 公示
 * settings (window, objections), the validity of a recognition, the yearly report's due date, and the certificate
 * in its machine-readable signed form with the answer of the public verification page.
 */

// ——— The holiday calendar (configuration, one entry per year's State Council notice) ———

/** One date of a notice with the festival it belongs to: 2023-04-29 劳动节. */
export const holidayDateSchema = z.object({ date: isoDate, name: requiredText(20) });
export type HolidayDate = z.infer<typeof holidayDateSchema>;

const weekday = (isoDay: string): number => new Date(`${isoDay}T00:00:00Z`).getUTCDay();

/**
 * One year's arrangement, as 国务院办公厅关于<year>年部分节假日安排的通知 publishes it: `holidays` are the dates off
 * (放假调休 — weekend dates inside a break may be listed or not, they are off either way), `workdays` the 调休
 * weekend dates that are working days. A notice may reach into the year before (2023's 元旦 began 2022-12-31).
 */
export const holidayYearSchema = z
  .object({
    year: z.number({ error: '须为年份' }).int({ error: '须为年份' }).min(2000).max(2100),
    /** The notice: 国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）. */
    source: requiredText(300),
    holidays: z.array(holidayDateSchema).max(60),
    workdays: z.array(holidayDateSchema).max(20),
  })
  .superRefine((y, ctx) => {
    const seen = new Set<string>();
    const check = (list: HolidayDate[], key: 'holidays' | 'workdays') =>
      list.forEach((d, i) => {
        const year = Number(d.date.slice(0, 4));
        if (year !== y.year && year !== y.year - 1)
          ctx.addIssue({ code: 'custom', path: [key, i, 'date'], message: `${d.date}不属于${y.year}年的安排` });
        if (seen.has(d.date)) ctx.addIssue({ code: 'custom', path: [key, i, 'date'], message: `${d.date}重复列出` });
        seen.add(d.date);
        if (key === 'workdays' && weekday(d.date) % 6 !== 0)
          ctx.addIssue({ code: 'custom', path: [key, i, 'date'], message: `${d.date}不是周末，无须列为调休上班日` });
      });
    check(y.holidays, 'holidays');
    check(y.workdays, 'workdays');
  });
export type HolidayYear = z.infer<typeof holidayYearSchema>;

/** Every year the province has entered; working days are counted only in these years. */
export const holidayCalendarSchema = z
  .object({
    /** Where the dates come from and how sure the one who entered them was. */
    note: optionalText(1000),
    years: z.array(holidayYearSchema).max(100),
  })
  .superRefine((c, ctx) => {
    const years = c.years.map((y) => y.year);
    years.forEach((year, i) => {
      if (years.indexOf(year) !== i)
        ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: `${year}年重复配置` });
    });
  });
export type HolidayCalendar = z.infer<typeof holidayCalendarSchema>;

// ——— A recognised platform's lifecycle (server/src/domain/recognition-status.ts) ———

export const recognitionStatuses = {
  candidate: '建议认定',
  publicized: '公示中',
  recognized: '已认定',
  in_rectification: '整改中',
  revoked: '已撤销',
  expired: '已到期',
  renewed: '已复核续期',
  withdrawn: '已移出名单',
} as const;
export type RecognitionStatus = keyof typeof recognitionStatuses;

// ——— 公示 ———

export const publicityDayUnits = { calendar: '自然日', working: '工作日' } as const;
export type PublicityDayUnit = keyof typeof publicityDayUnits;

const instant = z.iso.datetime({ offset: true, error: '须为带时区的时间，如 2026-05-06T09:00:00+08:00' });

/** Who may object and how (Henan 小巨人 notices: 实名, 佐证材料, contact details; some accept only letters). */
export const objectionRulesSchema = z.object({
  /** 实名: the objector's name (a unit's name and its 联系人 for a unit). */
  realNameRequired: z.boolean(),
  /** The objector's phone or address must be given (to be told the outcome). */
  contactRequired: z.boolean(),
  /** 佐证材料 must be attached. */
  evidenceRequired: z.boolean(),
  /** Only objections in writing (a signed or sealed letter) are accepted; the online form then only describes. */
  writtenOnly: z.boolean(),
  /** Who receives objections, printed in the notice: 受理部门, 地址, 电话. */
  office: z.object({
    department: requiredText(100),
    address: requiredText(200),
    phone: requiredText(40),
    email: optionalText(100),
  }),
});
export type ObjectionRules = z.infer<typeof objectionRulesSchema>;

/**
 * The 公示 window: `days` calendar or working days starting at `startsAt`. Day 1 is the day of publication when it
 * counts (every calendar day does; a working day does), else the next day that counts; the window ends at 23:59:59
 * Beijing time of day N (server/src/domain/working-days.ts).
 */
export const publicitySettingsSchema = z.object({
  days: z.number({ error: '须为天数' }).int({ error: '须为整数' }).min(1, { error: '至少1天' }).max(60),
  unit: z.enum(['calendar', 'working'], { error: '须为自然日或工作日' }),
  startsAt: instant,
  objections: objectionRulesSchema,
});
export type PublicitySettings = z.infer<typeof publicitySettingsSchema>;

/** The computed window as the public page shows it. */
export const publicityWindowSchema = z.object({
  startsAt: instant,
  /** The Beijing dates of day 1 and day N. */
  firstDay: isoDate,
  lastDay: isoDate,
  /** The last second of day N in CST: 2023-05-05T23:59:59+08:00. */
  endsAt: instant,
});
export type PublicityWindow = z.infer<typeof publicityWindowSchema>;

// ——— Validity and the years after ———

export const validityStartRules = {
  next_year: '认定次年1月1日起',
  recognition_date: '认定之日起',
} as const;
export type ValidityStartRule = keyof typeof validityStartRules;

/**
 * How long a recognition holds. By default three whole calendar years from 1 January after 认定 (the 2020
 * national batch: 2021-01-01 to 2023-12-31); `recognition_date` runs from the day of 认定 to the day before
 * its anniversary `years` later.
 */
export const validitySettingsSchema = z.object({
  start: z.enum(['next_year', 'recognition_date'], { error: '须为认定次年1月1日起或认定之日起' }),
  years: z.number({ error: '须为年数' }).int({ error: '须为整数' }).min(1).max(10),
});
export type ValiditySettings = z.infer<typeof validitySettingsSchema>;
export const defaultValiditySettings: ValiditySettings = { start: 'next_year', years: 3 };

/**
 * When the yearly 工作总结/年度报告 on year Y is due: `month`/`day` of year Y+1, `day: 'last'` the month's last day.
 * The default is the end of February (national bases: 每年2月底前), which is 02-29 in a leap year — a fixed
 * "02-28" would cut a day off then, hence 'last' rather than a month-day.
 */
export const annualReportSettingsSchema = z
  .object({
    month: z.number({ error: '须为月份' }).int().min(1).max(12),
    day: z.union([z.literal('last'), z.number({ error: '须为日期' }).int().min(1).max(31)]),
  })
  .refine((s) => s.day === 'last' || s.day <= daysInMonth(2001, s.month), {
    error: '该月没有这一天（月末请选“最后一天”）',
    path: ['day'],
  });
export type AnnualReportSettings = z.infer<typeof annualReportSettingsSchema>;
export const defaultAnnualReportSettings: AnnualReportSettings = { month: 2, day: 'last' };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The Beijing date by which the report on `reportYear` is due: 2026 → 2027-02-28, 2027 → 2028-02-29. */
export function annualReportDueDate(settings: AnnualReportSettings, reportYear: number): string {
  const year = reportYear + 1;
  const day = settings.day === 'last' ? daysInMonth(year, settings.month) : settings.day;
  return `${year}-${String(settings.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ——— The certificate ———

/**
 * What the certificate says, signed as its canonical JSON (keys sorted, no spaces; docs/certificates.md). Every
 * value is a string or an integer, so the canonical bytes are the same in any JSON tool.
 */
export const certificatePayloadSchema = z.object({
  /** 豫中小服示〔2026〕001号 */
  number: requiredText(40),
  /** 河南省中小企业公共服务示范平台 */
  title: requiredText(60),
  platformName: requiredText(200),
  unitName: requiredText(200),
  uscc: z.string().refine(isValidUscc, { error: '统一社会信用代码格式或校验位不正确' }),
  /** The batch's year (2026年度) and its title. */
  batchYear: z.number().int().min(2000).max(2100),
  batchTitle: requiredText(200),
  validFrom: isoDate,
  validTo: isoDate,
  /** 河南省工业和信息化厅 */
  issuer: requiredText(100),
  issuedOn: isoDate,
});
export type CertificatePayload = z.infer<typeof certificatePayloadSchema>;

export const CERTIFICATE_SIGNATURE_ALG = 'SM2-SM3';

/**
 * The signed form: `signatureHex` is the DER encoding (SEQUENCE of r and s, as OpenSSL reads and writes it) in
 * hex, over the UTF-8 bytes of the payload's canonical JSON, SM3 with the SM2 user ID 1234567812345678 (GM/T
 * 0009); `publicKeyHex` is the uncompressed point 04‖x‖y.
 */
export const signedCertificateSchema = z.object({
  payload: certificatePayloadSchema,
  alg: z.literal(CERTIFICATE_SIGNATURE_ALG),
  /** Which of the province's keys signed: its id on the verification page. */
  signerId: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
  publicKeyHex: z.string().regex(/^04[0-9a-f]{128}$/),
  signatureHex: z.string().regex(/^30[0-9a-f]{12,150}$/),
});
export type SignedCertificate = z.infer<typeof signedCertificateSchema>;

export const certificateStates = {
  valid: '有效',
  expired: '已过期',
  revoked: '已撤销',
  not_yet_valid: '尚未生效',
  tampered: '证书数据与签名不符（可能被篡改）',
  unknown: '查无此证书',
} as const;
export type CertificateState = keyof typeof certificateStates;

/** The public verification page's answer. */
export const certificateVerificationSchema = z.object({
  state: z.enum(Object.keys(certificateStates) as [CertificateState, ...CertificateState[]]),
  label: z.string(),
  /** The certificate as issued; null when unknown. */
  certificate: signedCertificateSchema.nullable(),
  /** When revoked: the date of the decision and its published reason. */
  revokedOn: isoDate.nullable(),
  revocationReason: z.string().nullable(),
  /** PEM of the province's public key, to verify offline. */
  publicKeyPem: z.string().nullable(),
});
export type CertificateVerification = z.infer<typeof certificateVerificationSchema>;

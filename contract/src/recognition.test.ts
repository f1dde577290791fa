import { describe, expect, it } from 'vitest';
import {
  annualReportDueDate,
  annualReportSettingsSchema,
  certificatePayloadSchema,
  certificateStates,
  defaultAnnualReportSettings,
  holidayCalendarSchema,
  holidayYearSchema,
  publicitySettingsSchema,
  signedCertificateSchema,
  validitySettingsSchema,
} from './recognition.js';
import { syntheticUscc } from './uscc.js';

const messages = (
  schema: { safeParse(x: unknown): { success: boolean; error?: { issues: { message: string }[] } } },
  x: unknown,
) => {
  const r = schema.safeParse(x);
  return r.success ? [] : r.error!.issues.map((i) => i.message);
};

const year2023 = {
  year: 2023,
  source: '国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）',
  holidays: [
    { date: '2022-12-31', name: '元旦' },
    { date: '2023-04-29', name: '劳动节' },
  ],
  workdays: [{ date: '2023-05-06', name: '劳动节' }],
};

describe('holiday calendar schema', () => {
  it('accepts a year reaching into the year before', () => {
    expect(holidayYearSchema.parse(year2023)).toEqual(year2023);
  });

  it('refuses a 调休 workday that is not a weekend, a date listed twice and a date of another year', () => {
    expect(messages(holidayYearSchema, { ...year2023, workdays: [{ date: '2023-05-04', name: '劳动节' }] })).toEqual([
      '2023-05-04不是周末，无须列为调休上班日',
    ]);
    expect(messages(holidayYearSchema, { ...year2023, workdays: [{ date: '2023-04-29', name: '劳动节' }] })).toContain(
      '2023-04-29重复列出',
    );
    expect(messages(holidayYearSchema, { ...year2023, holidays: [{ date: '2024-01-01', name: '元旦' }] })).toEqual([
      '2024-01-01不属于2023年的安排',
    ]);
    expect(messages(holidayYearSchema, { ...year2023, holidays: [{ date: '2023-02-30', name: '春节' }] })).toEqual([
      '不是有效的日历日期',
    ]);
  });

  it('refuses a year configured twice', () => {
    expect(messages(holidayCalendarSchema, { note: '', years: [year2023, year2023] })).toEqual(['2023年重复配置']);
  });
});

describe('publicity and validity settings', () => {
  const objections = {
    realNameRequired: true,
    contactRequired: true,
    evidenceRequired: true,
    writtenOnly: false,
    office: { department: '河南省工业和信息化厅中小企业服务处', address: '郑州市', phone: '0371-00000000', email: '' },
  };

  it('wants a window of 1–60 calendar or working days from an instant with its offset', () => {
    const ok = { days: 5, unit: 'working', startsAt: '2026-05-06T09:00:00+08:00', objections };
    expect(publicitySettingsSchema.parse(ok)).toEqual(ok);
    expect(messages(publicitySettingsSchema, { ...ok, unit: 'weeks' })).toEqual(['须为自然日或工作日']);
    expect(messages(publicitySettingsSchema, { ...ok, days: 0 })).toEqual(['至少1天']);
    expect(messages(publicitySettingsSchema, { ...ok, startsAt: '2026-05-06 09:00' })).toEqual([
      '须为带时区的时间，如 2026-05-06T09:00:00+08:00',
    ]);
  });

  it('takes the start rule and the number of years of validity', () => {
    expect(validitySettingsSchema.parse({ start: 'recognition_date', years: 5 })).toEqual({
      start: 'recognition_date',
      years: 5,
    });
    expect(messages(validitySettingsSchema, { start: 'tomorrow', years: 3 })).toEqual([
      '须为认定次年1月1日起或认定之日起',
    ]);
  });
});

describe('yearly report due date', () => {
  it('is the end of February of the next year by default, 29 February in a leap year', () => {
    expect(annualReportDueDate(defaultAnnualReportSettings, 2026)).toBe('2027-02-28');
    expect(annualReportDueDate(defaultAnnualReportSettings, 2027)).toBe('2028-02-29');
  });

  it('may be a fixed day, which must exist in every year', () => {
    expect(annualReportDueDate({ month: 3, day: 31 }, 2026)).toBe('2027-03-31');
    expect(messages(annualReportSettingsSchema, { month: 2, day: 29 })).toEqual([
      '该月没有这一天（月末请选“最后一天”）',
    ]);
    expect(messages(annualReportSettingsSchema, { month: 4, day: 31 })).toHaveLength(1);
  });
});

describe('certificate schemas', () => {
  const payload = {
    number: '豫中小服示〔2026〕001号',
    title: '河南省中小企业公共服务示范平台',
    platformName: '平台',
    unitName: '单位',
    uscc: syntheticUscc(3, '410100'),
    batchYear: 2026,
    batchTitle: '2026年度',
    validFrom: '2027-01-01',
    validTo: '2029-12-31',
    issuer: '河南省工业和信息化厅',
    issuedOn: '2026-06-30',
  };

  it('checks the USCC’s check character', () => {
    expect(certificatePayloadSchema.parse(payload)).toEqual(payload);
    const wrong = `${payload.uscc.slice(0, 17)}${payload.uscc[17] === '0' ? '1' : '0'}`;
    expect(messages(certificatePayloadSchema, { ...payload, uscc: wrong })).toEqual([
      '统一社会信用代码格式或校验位不正确',
    ]);
  });

  it('wants the signed form’s algorithm, an uncompressed public key and a DER signature in hex', () => {
    const envelope = {
      payload,
      alg: 'SM2-SM3',
      signerId: 'henan-2026',
      publicKeyHex: `04${'ab'.repeat(64)}`,
      signatureHex: `3044${'00'.repeat(68)}`,
    };
    expect(signedCertificateSchema.parse(envelope)).toEqual(envelope);
    expect(signedCertificateSchema.safeParse({ ...envelope, alg: 'RSA' }).success).toBe(false);
    expect(signedCertificateSchema.safeParse({ ...envelope, publicKeyHex: `02${'ab'.repeat(32)}` }).success).toBe(
      false,
    );
    expect(signedCertificateSchema.safeParse({ ...envelope, signatureHex: 'ab'.repeat(64) }).success).toBe(false);
  });

  it('labels every verification state in Chinese', () => {
    expect(certificateStates).toEqual({
      valid: '有效',
      expired: '已过期',
      revoked: '已撤销',
      not_yet_valid: '尚未生效',
      tampered: '证书数据与签名不符（可能被篡改）',
      unknown: '查无此证书',
    });
  });
});

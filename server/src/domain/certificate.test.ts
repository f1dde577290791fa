import { describe, expect, it } from 'vitest';
import { certificatePayloadSchema, defaultValiditySettings } from '#contract';
import { syntheticUscc } from '../../../contract/src/uscc.js';
import {
  canonicalJson,
  certificateBytes,
  certificateKey,
  certificateNumber,
  certificateState,
  nextCertificateSequence,
  parseCertificateNumber,
  validityWindow,
  type CertificateStanding,
} from './certificate.js';

describe('certificate numbers', () => {
  it('prints like a 文号 and writes a short key for web addresses', () => {
    expect(certificateNumber(2026, 1)).toBe('豫中小服示〔2026〕001号');
    expect(certificateNumber(2026, 123)).toBe('豫中小服示〔2026〕123号');
    expect(certificateNumber(2026, 1024)).toBe('豫中小服示〔2026〕1024号');
    expect(certificateKey(2026, 7)).toBe('2026-007');
  });

  it('reads both forms back, with white space or half-width brackets, and nothing else', () => {
    expect(parseCertificateNumber('豫中小服示〔2026〕001号')).toEqual({ year: 2026, sequence: 1 });
    expect(parseCertificateNumber(' 豫中小服示[2026]042号 ')).toEqual({ year: 2026, sequence: 42 });
    expect(parseCertificateNumber('2026-1024')).toEqual({ year: 2026, sequence: 1024 });
    for (const bad of [
      '2026-01',
      '2026-000',
      '2026-0042',
      '豫中小服示〔2026〕1号',
      '豫工信〔2026〕001号',
      '2026/001',
      '',
    ])
      expect(parseCertificateNumber(bad), bad).toBeNull();
  });

  it('continues after the highest number issued in the same year only', () => {
    const issued = ['豫中小服示〔2026〕001号', '豫中小服示〔2026〕017号', '豫中小服示〔2029〕030号', '2026-016'];
    expect(nextCertificateSequence(issued, 2026)).toBe(18);
    expect(nextCertificateSequence(issued, 2027)).toBe(1);
    expect(nextCertificateSequence([], 2026)).toBe(1);
  });
});

describe('validity window', () => {
  it('is three whole calendar years from 1 January after 认定 by default (the 2020 national batch)', () => {
    expect(validityWindow('2020-12-18', defaultValiditySettings)).toEqual({
      validFrom: '2021-01-01',
      validTo: '2023-12-31',
    });
    expect(validityWindow('2026-01-05', defaultValiditySettings)).toEqual({
      validFrom: '2027-01-01',
      validTo: '2029-12-31',
    });
  });

  it('takes another number of years', () => {
    expect(validityWindow('2026-06-30', { start: 'next_year', years: 5 })).toEqual({
      validFrom: '2027-01-01',
      validTo: '2031-12-31',
    });
  });

  it('may run from the day of 认定 to the day before its anniversary', () => {
    expect(validityWindow('2026-06-30', { start: 'recognition_date', years: 3 })).toEqual({
      validFrom: '2026-06-30',
      validTo: '2029-06-29',
    });
    expect(validityWindow('2024-02-29', { start: 'recognition_date', years: 3 })).toEqual({
      validFrom: '2024-02-29',
      validTo: '2027-02-28',
    });
    expect(validityWindow('2026-01-01', { start: 'recognition_date', years: 1 })).toEqual({
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    });
  });
});

describe('verification state', () => {
  const standing: CertificateStanding = { validFrom: '2027-01-01', validTo: '2029-12-31', revokedAt: null };
  const at = (now: string, s: CertificateStanding | null = standing, signatureValid = true) =>
    certificateState(s, signatureValid, new Date(now));

  it('is not yet valid before 00:00:00 CST of the first day, valid through 23:59:59 CST of the last', () => {
    expect(at('2026-12-31T23:59:59+08:00')).toBe('not_yet_valid');
    expect(at('2026-12-31T16:00:00Z')).toBe('valid');
    expect(at('2029-12-31T23:59:59.900+08:00')).toBe('valid');
    expect(at('2030-01-01T00:00:00+08:00')).toBe('expired');
  });

  it('is revoked from the instant of revocation on, whatever the dates', () => {
    const revoked = { ...standing, revokedAt: '2028-03-15T10:00:00+08:00' };
    expect(at('2028-03-15T09:59:59+08:00', revoked)).toBe('valid');
    expect(at('2028-03-15T10:00:00+08:00', revoked)).toBe('revoked');
    expect(at('2031-01-01T00:00:00+08:00', revoked)).toBe('revoked');
  });

  it('is tampered when the signature fails and unknown without a record', () => {
    expect(at('2028-01-01T00:00:00+08:00', standing, false)).toBe('tampered');
    expect(at('2028-01-01T00:00:00+08:00', { ...standing, revokedAt: '2027-06-01T00:00:00+08:00' }, false)).toBe(
      'tampered',
    );
    expect(at('2028-01-01T00:00:00+08:00', null)).toBe('unknown');
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth, writes no spaces and keeps Chinese as itself', () => {
    expect(canonicalJson({ b: 1, a: { z: [3, { y: true, x: null }], c: '中文' } })).toBe(
      '{"a":{"c":"中文","z":[3,{"x":null,"y":true}]},"b":1}',
    );
  });

  it('escapes as JSON.stringify does', () => {
    expect(canonicalJson('引号"反斜杠\\换行\n制表\t\u0001')).toBe('"引号\\"反斜杠\\\\换行\\n制表\\t\\u0001"');
    expect(canonicalJson('𠀀')).toBe('"𠀀"');
  });

  it('refuses what tools could write differently', () => {
    expect(() => canonicalJson(1.5)).toThrow('只接受整数');
    expect(() => canonicalJson(Number.NaN)).toThrow('只接受整数');
    expect(() => canonicalJson({ a: undefined })).toThrow('undefined');
    expect(() => canonicalJson('\uD800')).toThrow('代理字符');
    expect(() => canonicalJson(new Date(0))).toThrow(TypeError);
  });

  it('gives the certificate payload’s exact bytes', () => {
    const payload = certificatePayloadSchema.parse({
      number: '豫中小服示〔2026〕001号',
      title: '河南省中小企业公共服务示范平台',
      platformName: '平台',
      unitName: '单位',
      uscc: syntheticUscc(1, '410100'),
      batchYear: 2026,
      batchTitle: '2026年度',
      validFrom: '2027-01-01',
      validTo: '2029-12-31',
      issuer: '河南省工业和信息化厅',
      issuedOn: '2026-06-30',
    });
    const text =
      '{"batchTitle":"2026年度","batchYear":2026,"issuedOn":"2026-06-30","issuer":"河南省工业和信息化厅",' +
      `"number":"豫中小服示〔2026〕001号","platformName":"平台","title":"河南省中小企业公共服务示范平台","unitName":"单位",` +
      `"uscc":"${payload.uscc}","validFrom":"2027-01-01","validTo":"2029-12-31"}`;
    expect(certificateBytes(payload).toString('utf8')).toBe(text);
    expect(certificateBytes(payload)).toEqual(Buffer.from(text, 'utf8'));
  });
});

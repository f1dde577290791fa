import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CertificateVerification,
  PublicPublicityList,
  Revocation,
  SignedCertificate,
  SigningKey,
} from '#contract';
import { fixedClock } from '../domain/clock.js';
import { verifyCertificateSignature } from '../crypto/sm2-signature.js';
import { CERTIFICATE_QR } from '../documents/certificate-pdf.js';
import { certificateQrMatrix, QR_QUIET_ZONE } from '../documents/certificate-qr.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { documentedCommands, runDocumented, verificationFolder } from '../../test-support/offline-verification.js';
import { APPLICANT_PASSWORD, recognizedPlatforms, type RecognizedPlatform } from '../../test-support/recognition.js';
import type { App } from './app.js';

/**
 * Certificates over HTTP (issue 16) with a pinned clock: signed at 认定 (2026-12-07, so valid 2027-01-01 to
 * 2029-12-31), verified in public by the printed number and by its key — not yet valid, valid, expired to the
 * second in CST, revoked by the province with a published notice —, the signed form verified offline with the
 * documented OpenSSL commands and failing once one character of its payload changes.
 */

const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
let platforms: RecognizedPlatform[];
const anonymous = () => new TestClient(app);
const FIRST = '豫中小服示〔2026〕001号';
const SECOND = '豫中小服示〔2026〕002号';
const verifyPath = (number: string) => `/api/v1/public/certificates/${encodeURIComponent(number)}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'certificates-'));

beforeAll(async () => {
  app = await createTestApp({
    clock,
    config: { loginRateLimitPerMinute: 10_000, notifyIntervalSeconds: 0, publicBaseUrl: 'https://sme.example.gov.cn/' },
  });
  platforms = await recognizedPlatforms(app, clock, [{ cityUser: 'luoyang', regionCode: '410300', count: 2 }]);
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function stateAt(instant: string, number = FIRST): Promise<CertificateVerification> {
  clock.set(instant);
  const res = await anonymous().get(verifyPath(number));
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CertificateVerification>();
}

describe('a certificate issued with 认定', () => {
  it('is signed with the province’s key, its payload from the records', async () => {
    const res = await anonymous().get(`${verifyPath(FIRST)}/certificate.json`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="certificate.json"');
    const signed = res.json<SignedCertificate>();
    expect(signed.payload).toMatchObject({
      number: FIRST,
      title: '河南省中小企业公共服务示范平台',
      validFrom: '2027-01-01',
      validTo: '2029-12-31',
      issuer: '河南省工业和信息化厅',
      issuedOn: '2026-12-07',
    });
    expect(signed.payload.batchYear).toBeGreaterThanOrEqual(2022);
    const key = (await anonymous().get('/api/v1/public/signing-key')).json<SigningKey>();
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(signed).toMatchObject({ alg: 'SM2-SM3', signerId: key.id, publicKeyHex: key.publicKeyHex });
    expect(verifyCertificateSignature(signed, new Map([[key.id, key.publicKeyHex]]))).toBe(true);
    const second = (await anonymous().get(`${verifyPath(SECOND)}/certificate.json`)).json<SignedCertificate>();
    expect(second.payload.number).toBe(SECOND);
    expect(second.payload.platformName).not.toBe(signed.payload.platformName);
  });

  it('is found by the printed number and by the key the QR code carries, not by anything else', async () => {
    const byNumber = await stateAt('2026-12-07T10:00:00+08:00');
    const byKey = (await anonymous().get('/api/v1/public/certificates/2026-001')).json<CertificateVerification>();
    expect(byKey).toEqual(byNumber);
    expect(byNumber.certificate?.payload.number).toBe(FIRST);
    for (const unknown of ['2026-099', '豫中小服示〔2025〕001号', 'abc']) {
      const res = await anonymous().get(verifyPath(unknown));
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: '查无此证书，请核对证书编号' });
      expect((await anonymous().get(`${verifyPath(unknown)}/certificate.json`)).statusCode).toBe(404);
    }
  });

  it('is not yet valid before 2027-01-01 00:00 CST, valid to 2029-12-31 24:00 CST, expired after', async () => {
    expect((await stateAt('2026-12-07T10:00:00+08:00')).state).toBe('not_yet_valid');
    expect((await stateAt('2026-12-31T23:59:59+08:00')).state).toBe('not_yet_valid');
    const valid = await stateAt('2027-01-01T00:00:00+08:00');
    expect(valid).toMatchObject({ state: 'valid', label: '有效', revokedOn: null, revocationReason: null });
    expect((await stateAt('2029-12-31T23:59:59+08:00')).state).toBe('valid');
    expect((await stateAt('2029-12-31T16:00:00Z')).state).toBe('expired');
    expect((await stateAt('2030-01-01T00:00:00+08:00')).label).toBe('已过期');
  });

  it('verifies offline with the documented OpenSSL commands, and fails with one payload character changed', async () => {
    const pem = (await anonymous().get('/api/v1/public/signing-key')).json<SigningKey>().publicKeyPem;
    const downloaded = (await anonymous().get(`${verifyPath(FIRST)}/certificate.json`)).body;
    const valid = verificationFolder(tmp, 'valid', downloaded, pem);
    expect(runDocumented(valid, documentedCommands[1]!).status).toBe(0);
    const dgst = runDocumented(valid, documentedCommands[2]!);
    expect(dgst.stdout.trim(), dgst.stderr).toBe('Verified OK');

    const tampered = downloaded.replace('"validTo":"2029-12-31"', '"validTo":"2029-12-30"');
    expect(tampered).not.toBe(downloaded);
    const folder = verificationFolder(tmp, 'tampered', tampered, pem);
    expect(runDocumented(folder, documentedCommands[1]!).status).toBe(0);
    const failed = runDocumented(folder, documentedCommands[2]!);
    expect(failed.status).toBe(1);
    expect(failed.stdout.trim()).toBe('Verification failure');
  });

  it('verifies as tampered when the stored form no longer matches its signature', async () => {
    const row = await app.ctx.db
      .selectFrom('certificates')
      .select('signed')
      .where('number', '=', SECOND)
      .executeTakeFirstOrThrow();
    const changed = row.signed.replace('"issuedOn":"2026-12-07"', '"issuedOn":"2026-12-08"');
    expect(changed).not.toBe(row.signed);
    await app.ctx.db.updateTable('certificates').set({ signed: changed }).where('number', '=', SECOND).execute();
    try {
      expect((await stateAt('2027-06-01T10:00:00+08:00', SECOND)).state).toBe('tampered');
    } finally {
      await app.ctx.db.updateTable('certificates').set({ signed: row.signed }).where('number', '=', SECOND).execute();
    }
    expect((await stateAt('2027-06-01T10:00:00+08:00', SECOND)).state).toBe('valid');
  });
});

/** The PDF's words with their boxes (pdftotext -bbox), in points from the top left. */
function pdfWords(file: string): { text: string; xMin: number; yMin: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
    (m) => ({ xMin: +m[1]!, yMin: +m[2]!, text: m[3]! }),
  );
}

/** A square of the page (`box` in points) rendered in grey at `dpi` (pdftoppm's PGM: a header, a byte a pixel). */
function renderGrey(file: string, dpi: number, box: { x: number; y: number; width: number }) {
  const px = (pt: number) => String(Math.round((pt * dpi) / 72));
  const crop = ['-x', px(box.x), '-y', px(box.y), '-W', px(box.width), '-H', px(box.width)];
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), ...crop, '-singlefile', file]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const width = Number(header[1]);
  const offset = header[0].length;
  return (x: number, y: number) => pgm[offset + Math.floor(y) * width + Math.floor(x)]!;
}

describe('the certificate PDF', () => {
  it('is A4 landscape with every field, and its QR code is the verification address’s, module for module', async () => {
    const province = await new TestClient(app).login('province');
    const res = await province.get(`/api/v1/recognitions/${platforms[0]!.recognitionId}/certificate.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(tmp, 'certificate.pdf');
    fs.writeFileSync(file, res.rawPayload);
    fs.mkdirSync(path.resolve('test-artifacts/documents'), { recursive: true });
    fs.copyFileSync(file, path.resolve('test-artifacts/documents', 'certificate.pdf'));

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const url = 'https://sme.example.gov.cn/verify/2026-001';
    expect(info).toContain(`Subject:         ${url}`);
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/NotoSerifSC.*yes\s+yes/);

    const signed = (await anonymous().get(`${verifyPath(FIRST)}/certificate.json`)).json<SignedCertificate>();
    const text = pdfWords(file)
      .map((w) => w.text)
      .join('');
    for (const field of [
      '河南省中小企业公共服务示范平台',
      signed.payload.platformName,
      `运营单位：${signed.payload.unitName}`,
      '有效期：2027年1月1日至2029年12月31日',
      '河南省工业和信息化厅',
      '2026年12月7日',
      `证书编号：${FIRST}`,
    ])
      expect(text).toContain(field);
    const numberWord = pdfWords(file).find((w) => w.text.startsWith('证书编号'))!;
    expect(numberWord.yMin).toBeGreaterThan(CERTIFICATE_QR.y + CERTIFICATE_QR.width);

    const matrix = certificateQrMatrix(url);
    const dpi = 288;
    const pixel = renderGrey(file, dpi, CERTIFICATE_QR);
    const module = (CERTIFICATE_QR.width / (matrix.size + 2 * QR_QUIET_ZONE)) * (dpi / 72);
    const centre = (i: number) => (i + QR_QUIET_ZONE + 0.5) * module;
    const drawn = matrix.dark.map((row, r) => row.map((_, c) => pixel(centre(c), centre(r)) < 128));
    expect(drawn).toEqual(matrix.dark);
    expect(matrix.dark.flat().filter(Boolean).length).toBeGreaterThan(100);
  });

  it('is the platform’s own applicant’s too, and no other applicant’s', async () => {
    const own = await new TestClient(app).login(platforms[0]!.username, APPLICANT_PASSWORD);
    const url = (p: RecognizedPlatform) => `/api/v1/my/recognitions/${p.recognitionId}/certificate.pdf`;
    const res = await own.get(url(platforms[0]!));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await own.get(url(platforms[1]!))).statusCode).toBe(403);
  });
});

describe('revocation', () => {
  const revocation = {
    reason: '未按期报送年度工作总结和自评报告',
    notice: '经研究，决定撤销该平台“河南省中小企业公共服务示范平台”称号，收回证书。',
  };

  it('is the province’s: others are refused, and a revoked certificate says so from that instant', async () => {
    clock.set('2028-03-10T09:30:00+08:00');
    const url = `/api/v1/recognitions/${platforms[0]!.recognitionId}/revocation`;
    const city = await new TestClient(app).login('luoyang');
    expect((await city.post(url, revocation)).statusCode).toBe(403);
    const province = await new TestClient(app).login('province');
    const missing = await province.post(url, { reason: '', notice: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'VALIDATION_FAILED' });

    const res = await province.post(url, revocation);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Revocation>()).toMatchObject({ number: FIRST, key: '2026-001', ...revocation });

    expect((await stateAt('2028-03-10T09:29:59+08:00')).state).toBe('valid');
    const revoked = await stateAt('2028-03-10T09:30:00+08:00');
    expect(revoked).toMatchObject({
      state: 'revoked',
      label: '已撤销',
      revokedOn: '2028-03-10',
      revocationReason: revocation.reason,
    });
    expect((await stateAt('2030-06-01T00:00:00+08:00')).state).toBe('revoked');
    expect((await stateAt('2028-03-10T09:30:00+08:00', SECOND)).state).toBe('valid');

    const again = await province.post(url, revocation);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('is on the public list with its notice, marked on the public 公示 list, and in the audit log', async () => {
    const publicities = (await anonymous().get('/api/v1/public/publicities')).json<PublicPublicityList>();
    const candidates = publicities.publicities.flatMap((p) => p.candidates);
    expect(candidates.find((c) => c.id === platforms[0]!.recognitionId)).toMatchObject({
      status: 'revoked',
      statusLabel: '已撤销',
    });
    expect(candidates.find((c) => c.id === platforms[1]!.recognitionId)?.status).toBe('recognized');
    const list = (await anonymous().get('/api/v1/public/revocations')).json<{ revocations: Revocation[] }>();
    expect(list.revocations).toEqual([
      expect.objectContaining({ number: FIRST, reason: revocation.reason, notice: revocation.notice }),
    ]);
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'recognition.revoke')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_id: platforms[0]!.recognitionId, actor_name: 'province' });
    const status = await app.ctx.db
      .selectFrom('recognitions')
      .select('status')
      .where('id', '=', platforms[0]!.recognitionId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('revoked');
  });
});

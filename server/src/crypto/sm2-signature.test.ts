import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificatePayloadSchema, type CertificatePayload } from '#contract';
import { syntheticUscc } from '../../../contract/src/uscc.js';
import { documentedCommands, runDocumented } from '../../test-support/offline-verification.js';
import { certificateBytes } from '../domain/certificate.js';
import { parseDataKeys, PersonalDataCipher, PersonalDataError } from './personal-data.js';
import {
  generateSm2KeyPair,
  isSm2PublicKey,
  openPrivateKey,
  publicKeyPem,
  sealPrivateKey,
  signCertificate,
  signSm2,
  verifyCertificateSignature,
  verifySm2,
} from './sm2-signature.js';

const province = { id: 'henan-2026', ...generateSm2KeyPair() };
const stranger = { id: 'henan-2026', ...generateSm2KeyPair() };
const trusted = new Map([[province.id, province.publicKeyHex]]);

const payload: CertificatePayload = certificatePayloadSchema.parse({
  number: '豫中小服示〔2026〕001号',
  title: '河南省中小企业公共服务示范平台',
  platformName: '郑州市中小企业“一站式”服务平台',
  unitName: '郑州市中小企业服务中心有限公司',
  uscc: syntheticUscc(7, '410100'),
  batchYear: 2026,
  batchTitle: '2026年度河南省中小企业公共服务示范平台',
  validFrom: '2027-01-01',
  validTo: '2029-12-31',
  issuer: '河南省工业和信息化厅',
  issuedOn: '2026-06-30',
});
const signed = signCertificate(payload, province);

describe('SM2 signatures here', () => {
  it('makes keys in the documented hex forms', () => {
    expect(province.privateKeyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(province.publicKeyHex).toMatch(/^04[0-9a-f]{128}$/);
    expect(isSm2PublicKey(province.publicKeyHex)).toBe(true);
    expect(isSm2PublicKey(`04${'1'.repeat(128)}`)).toBe(false);
  });

  it('signs in minimal DER and verifies, signature after signature', () => {
    for (let i = 0; i < 64; i++) {
      const message = Buffer.from(`消息 ${i}`);
      const sig = signSm2(message, province);
      const der = Buffer.from(sig, 'hex');
      expect(der[0]).toBe(0x30);
      expect(der[1]).toBe(der.length - 2);
      expect(verifySm2(message, sig, province.publicKeyHex)).toBe(true);
    }
  });

  it('refuses a changed message, another key and malformed or non-minimal signatures', () => {
    const message = Buffer.from('认定');
    const sig = signSm2(message, province);
    expect(verifySm2(Buffer.from('认定 '), sig, province.publicKeyHex)).toBe(false);
    expect(verifySm2(message, sig, stranger.publicKeyHex)).toBe(false);
    expect(verifySm2(message, `${sig}00`, province.publicKeyHex)).toBe(false);
    expect(verifySm2(message, sig.slice(0, -2), province.publicKeyHex)).toBe(false);
    expect(verifySm2(message, 'zz', province.publicKeyHex)).toBe(false);
    // r padded with a superfluous zero byte: the same numbers, not minimal DER
    const der = Buffer.from(sig, 'hex');
    const rLength = der[3]!;
    const padded = Buffer.concat([Buffer.from([0x30, der[1]! + 1, 0x02, rLength + 1, 0x00]), der.subarray(4)]).toString(
      'hex',
    );
    expect(verifySm2(message, padded, province.publicKeyHex)).toBe(false);
  });

  it('signs the certificate’s canonical bytes and trusts only the province’s key for its signer id', () => {
    expect(signed).toMatchObject({ alg: 'SM2-SM3', signerId: 'henan-2026', publicKeyHex: province.publicKeyHex });
    expect(verifySm2(certificateBytes(payload), signed.signatureHex, province.publicKeyHex)).toBe(true);
    expect(verifyCertificateSignature(signed, trusted)).toBe(true);
    const tampered = { ...signed, payload: { ...payload, validTo: '2030-12-31' } };
    expect(verifyCertificateSignature(tampered, trusted)).toBe(false);
    const forged = signCertificate(payload, stranger);
    expect(verifyCertificateSignature(forged, trusted)).toBe(false);
    expect(verifyCertificateSignature({ ...forged, publicKeyHex: province.publicKeyHex }, trusted)).toBe(false);
    expect(verifyCertificateSignature(signed, new Map([['other', province.publicKeyHex]]))).toBe(false);
  });
});

describe('the private key at rest', () => {
  const cipher = new PersonalDataCipher(parseDataKeys(`k1:${'a1'.repeat(16)}`));

  it('is sealed with SM4 under DATA_KEY and opens back, checked against its public key', () => {
    const sealed = sealPrivateKey(cipher, province.privateKeyHex);
    expect(sealed.startsWith('sm4:k1:')).toBe(true);
    expect(sealed).not.toContain(province.privateKeyHex);
    expect(openPrivateKey(cipher, sealed, province.publicKeyHex)).toBe(province.privateKeyHex);
  });

  it('refuses to open under another data key or for another public key', () => {
    const sealed = sealPrivateKey(cipher, province.privateKeyHex);
    const other = new PersonalDataCipher(parseDataKeys(`k1:${'b2'.repeat(16)}`));
    expect(() => openPrivateKey(other, sealed, province.publicKeyHex)).toThrow(PersonalDataError);
    expect(() => openPrivateKey(cipher, sealed, stranger.publicKeyHex)).toThrow('存储的签名私钥与公钥不匹配');
    expect(() => sealPrivateKey(cipher, 'not a key')).toThrow('SM2 私钥格式不正确');
  });
});

describe('offline verification with the openssl CLI, exactly as docs/certificates.md says', () => {
  let dir: string;

  beforeAll(() => {
    const version = spawnSync('openssl', ['version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      throw new Error(
        'The openssl command line tool (OpenSSL 3) is not installed: this test runs the documented offline verification with it. Install it (Debian: apt-get install openssl).',
      );
    }
    expect(version.stdout).toMatch(/^OpenSSL [3-9]\./);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm2-certificate-'));
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function folderWith(name: string, certificate: unknown): string {
    const folder = path.join(dir, name);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'certificate.json'), JSON.stringify(certificate, null, 2));
    fs.writeFileSync(path.join(folder, 'pub.pem'), publicKeyPem(province.publicKeyHex));
    return folder;
  }

  it('finds the four documented command blocks', () => {
    expect(documentedCommands).toHaveLength(4);
    expect(documentedCommands[0]).toContain('openssl pkey -pubin -in pub.pem -text -noout');
    expect(documentedCommands[2]).toContain('-sigopt distid:1234567812345678');
  });

  it('shows the published key on the SM2 curve', () => {
    const out = runDocumented(folderWith('key', signed), documentedCommands[0]!);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('ASN1 OID: SM2');
    expect(out.stdout.replace(/[^0-9a-f]/g, '')).toContain(province.publicKeyHex);
  });

  it('verifies a certificate signed here, with the exact canonical bytes', () => {
    const folder = folderWith('valid', signed);
    const extract = runDocumented(folder, documentedCommands[1]!);
    expect(extract.status, extract.stderr).toBe(0);
    expect(fs.readFileSync(path.join(folder, 'data.bin'))).toEqual(certificateBytes(payload));
    const dgst = runDocumented(folder, documentedCommands[2]!);
    expect(dgst.status, dgst.stderr).toBe(0);
    expect(dgst.stdout.trim()).toBe('Verified OK');
    const pkeyutl = runDocumented(folder, documentedCommands[3]!);
    expect(pkeyutl.status, pkeyutl.stderr).toBe(0);
    expect(pkeyutl.stdout.trim()).toBe('Signature Verified Successfully');
    const withoutDistid = runDocumented(folder, documentedCommands[2]!.replace(' -sigopt distid:1234567812345678', ''));
    expect(withoutDistid.stdout.trim()).toBe('Verification failure');
  });

  it('fails a tampered certificate and one signed with another key, in openssl as here', () => {
    const cases = {
      tampered: { ...signed, payload: { ...payload, platformName: `${payload.platformName}（分中心）` } },
      'other-key': signCertificate(payload, stranger),
    };
    for (const [name, certificate] of Object.entries(cases)) {
      expect(verifyCertificateSignature(certificate, trusted)).toBe(false);
      const folder = folderWith(name, certificate);
      expect(runDocumented(folder, documentedCommands[1]!).status).toBe(0);
      const dgst = runDocumented(folder, documentedCommands[2]!);
      expect(dgst.status, name).toBe(1);
      expect(dgst.stdout.trim()).toBe('Verification failure');
      expect(runDocumented(folder, documentedCommands[3]!).status, name).not.toBe(0);
    }
  });

  it('agrees with openssl on many signatures (DER edge cases included)', () => {
    const folder = folderWith('many', signed);
    for (let i = 0; i < 12; i++) {
      const message = Buffer.from(`第${i}份`);
      fs.writeFileSync(path.join(folder, 'data.bin'), message);
      fs.writeFileSync(path.join(folder, 'sig.der'), Buffer.from(signSm2(message, province), 'hex'));
      const dgst = runDocumented(folder, documentedCommands[2]!);
      expect(dgst.stdout.trim(), `signature ${i}`).toBe('Verified OK');
    }
  });
});

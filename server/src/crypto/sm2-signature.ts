import { sm2 } from 'sm-crypto-v2';
import { CERTIFICATE_SIGNATURE_ALG, type CertificatePayload, type SignedCertificate } from '#contract';
import { certificateBytes } from '../domain/certificate.js';
import type { PersonalDataCipher } from './personal-data.js';

/**
 * SM2 signatures (GB/T 32918) for the certificates' signed form, with sm-crypto-v2 (pure JavaScript on
 * @noble/curves; random numbers from the platform's CSPRNG).
 *
 * - The digest is SM3 over Z ‖ message, Z computed with the default user ID 1234567812345678 (GM/T 0009) —
 *   OpenSSL's `distid`, which OpenSSL 3 does NOT assume by default: it must be passed (docs/certificates.md).
 * - Keys are hex: the private key 64 digits, the public key the uncompressed point 04 ‖ x ‖ y (130 digits); the
 *   public key is also published as a PEM SubjectPublicKeyInfo (id-ecPublicKey with the SM2 curve OID
 *   1.2.156.10197.1.301), which `openssl pkey`/`dgst`/`pkeyutl` read.
 * - A signature is written in DER (SEQUENCE { INTEGER r, INTEGER s }, minimal encoding), as hex: what OpenSSL
 *   and most SM2 tools read and write. Verification parses it strictly (minimal lengths, 1 ≤ r, s < n) and
 *   refuses anything else.
 * - The private key at rest is sealed with the installation's PersonalDataCipher (SM4-CBC + HMAC-SM3 under
 *   DATA_KEY), like personal data.
 */

export const SM2_USER_ID = '1234567812345678';
/** DER of SubjectPublicKeyInfo up to the point: SEQUENCE, AlgorithmIdentifier (id-ecPublicKey, SM2), BIT STRING. */
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');
const CURVE_ORDER = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const PRIVATE_KEY = /^[0-9a-f]{64}$/;
const PUBLIC_KEY = /^04[0-9a-f]{128}$/;

export interface Sm2KeyPair {
  privateKeyHex: string;
  publicKeyHex: string;
}

/** A key that signs certificates: its id (shown as `signerId`) and pair. */
export interface CertificateSigner extends Sm2KeyPair {
  id: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKeyHex: privateKey, publicKeyHex: publicKey };
}

/** Whether `hex` is an uncompressed point on the SM2 curve. */
export function isSm2PublicKey(hex: string): boolean {
  if (!PUBLIC_KEY.test(hex)) return false;
  try {
    return sm2.verifyPublicKey(hex);
  } catch {
    return false;
  }
}

function derInteger(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

function encodeSignature(r: bigint, s: bigint): string {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]).toString('hex');
}

/** r and s of a strictly minimal DER signature with both in [1, n − 1], or null. */
function decodeSignature(hex: string): { r: bigint; s: bigint } | null {
  if (!/^([0-9a-f]{2})+$/.test(hex)) return null;
  const der = Buffer.from(hex, 'hex');
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return null;
  const ints: bigint[] = [];
  let at = 2;
  for (let i = 0; i < 2; i++) {
    if (der[at] !== 0x02) return null;
    const length = der[at + 1]!;
    const bytes = der.subarray(at + 2, at + 2 + length);
    if (length < 1 || length > 33 || bytes.length !== length) return null;
    if (bytes[0]! >= 0x80) return null;
    if (length > 1 && bytes[0] === 0 && bytes[1]! < 0x80) return null;
    ints.push(BigInt(`0x${bytes.toString('hex')}`));
    at += 2 + length;
  }
  if (at !== der.length) return null;
  const [r, s] = ints as [bigint, bigint];
  return r >= 1n && r < CURVE_ORDER && s >= 1n && s < CURVE_ORDER ? { r, s } : null;
}

/** The DER signature (hex) of `message` with SM3 and the default user ID. */
export function signSm2(message: Uint8Array, key: Sm2KeyPair): string {
  if (!PRIVATE_KEY.test(key.privateKeyHex) || !isSm2PublicKey(key.publicKeyHex)) throw new Error('SM2 密钥格式不正确');
  const raw = sm2.doSignature(message, key.privateKeyHex, {
    hash: true,
    publicKey: key.publicKeyHex,
    userId: SM2_USER_ID,
  });
  return encodeSignature(BigInt(`0x${raw.slice(0, 64)}`), BigInt(`0x${raw.slice(64)}`));
}

/** Whether `signatureHex` (DER) is a valid signature of `message` under `publicKeyHex`; never throws. */
export function verifySm2(message: Uint8Array, signatureHex: string, publicKeyHex: string): boolean {
  const rs = decodeSignature(signatureHex);
  if (!rs || !isSm2PublicKey(publicKeyHex)) return false;
  const raw = rs.r.toString(16).padStart(64, '0') + rs.s.toString(16).padStart(64, '0');
  try {
    return sm2.doVerifySignature(message, raw, publicKeyHex, { hash: true, userId: SM2_USER_ID });
  } catch {
    return false;
  }
}

/** The public key as PEM (SubjectPublicKeyInfo), for `openssl … -verify pub.pem`. */
export function publicKeyPem(publicKeyHex: string): string {
  if (!isSm2PublicKey(publicKeyHex)) throw new Error('SM2 公钥格式不正确');
  const der = Buffer.concat([SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]).toString('base64');
  return `-----BEGIN PUBLIC KEY-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/** The certificate's signed form. */
export function signCertificate(payload: CertificatePayload, signer: CertificateSigner): SignedCertificate {
  return {
    payload,
    alg: CERTIFICATE_SIGNATURE_ALG,
    signerId: signer.id,
    publicKeyHex: signer.publicKeyHex,
    signatureHex: signSm2(certificateBytes(payload), signer),
  };
}

/**
 * Whether a signed certificate was signed by one of the province's keys (`trusted`: signer id → public key) —
 * the key named in the envelope must be that signer's, so a certificate signed with any other key fails.
 */
export function verifyCertificateSignature(
  certificate: SignedCertificate,
  trusted: ReadonlyMap<string, string>,
): boolean {
  const publicKeyHex = trusted.get(certificate.signerId);
  return (
    certificate.alg === CERTIFICATE_SIGNATURE_ALG &&
    publicKeyHex === certificate.publicKeyHex &&
    verifySm2(certificateBytes(certificate.payload), certificate.signatureHex, publicKeyHex)
  );
}

/** The private key encrypted for storage (the cipher's self-describing `sm4:<key id>:…` text). */
export function sealPrivateKey(cipher: PersonalDataCipher, privateKeyHex: string): string {
  if (!PRIVATE_KEY.test(privateKeyHex)) throw new Error('SM2 私钥格式不正确');
  return cipher.encrypt(privateKeyHex);
}

/** The stored private key decrypted and checked against the public key it belongs to. */
export function openPrivateKey(cipher: PersonalDataCipher, sealed: string, publicKeyHex: string): string {
  const privateKeyHex = cipher.decrypt(sealed);
  if (!PRIVATE_KEY.test(privateKeyHex) || sm2.getPublicKeyFromPrivateKey(privateKeyHex) !== publicKeyHex)
    throw new Error('存储的签名私钥与公钥不匹配');
  return privateKeyHex;
}

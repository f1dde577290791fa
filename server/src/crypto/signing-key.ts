import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import type { Config } from '../config.js';
import { generateSm2KeyPair, type CertificateSigner } from './sm2-signature.js';

/**
 * The province's certificate signing key: CERTIFICATE_SIGNING_KEY (`<key id>:<64 hex digits>`, the SM2 private
 * key; the public key is derived from it) when set — required in production; otherwise, in demo and test mode, a
 * key generated once and kept in DATA_DIR/signing-key (mode 0600, never committed), created with link(2) like
 * the data key so two processes starting together agree.
 */

export const LOCAL_SIGNING_KEY_FILE = 'signing-key';
const KEY_SPEC = /^([A-Za-z0-9-]{1,40}):([0-9a-f]{64})$/;

export function parseSigningKey(spec: string): CertificateSigner {
  const m = KEY_SPEC.exec(spec.trim());
  if (!m) throw new Error('CERTIFICATE_SIGNING_KEY 格式须为 <密钥编号>:<64位小写十六进制私钥>，如 sm2-2026:…');
  const privateKeyHex = m[2]!;
  let publicKeyHex: string;
  try {
    publicKeyHex = sm2.getPublicKeyFromPrivateKey(privateKeyHex);
  } catch {
    throw new Error('CERTIFICATE_SIGNING_KEY 不是有效的 SM2 私钥');
  }
  return { id: m[1]!, privateKeyHex, publicKeyHex };
}

const cache = new Map<string, CertificateSigner>();

export function certificateSigner(config: Config): CertificateSigner {
  if (config.certificateSigningKey) return parseSigningKey(config.certificateSigningKey);
  if (config.production)
    throw new Error(
      '生产环境（NODE_ENV=production）必须设置证书签名密钥 CERTIFICATE_SIGNING_KEY（见 README「Deploying」）',
    );
  const file = path.join(config.dataDir, LOCAL_SIGNING_KEY_FILE);
  const cached = cache.get(file);
  if (cached) return cached;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const staged = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    const id = `local-${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(staged, `${id}:${generateSm2KeyPair().privateKeyHex}\n`, { mode: 0o600 });
    try {
      fs.linkSync(staged, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(staged, { force: true });
    }
  }
  const signer = parseSigningKey(fs.readFileSync(file, 'utf8'));
  cache.set(file, signer);
  return signer;
}

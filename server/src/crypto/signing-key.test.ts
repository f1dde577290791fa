import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { certificateSigner, LOCAL_SIGNING_KEY_FILE, parseSigningKey } from './signing-key.js';
import { generateSm2KeyPair, isSm2PublicKey } from './sm2-signature.js';

const dirs: string[] = [];
const dataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signing-key-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the certificate signing key', () => {
  it('comes from CERTIFICATE_SIGNING_KEY, its public key derived', () => {
    const pair = generateSm2KeyPair();
    const config = loadConfig({ DATA_DIR: dataDir(), CERTIFICATE_SIGNING_KEY: `henan-2026:${pair.privateKeyHex}` });
    expect(certificateSigner(config)).toEqual({ id: 'henan-2026', ...pair });
    expect(fs.existsSync(path.join(config.dataDir, LOCAL_SIGNING_KEY_FILE))).toBe(false);
  });

  it('refuses a malformed key, and production without one', () => {
    expect(() => parseSigningKey('henan:abc')).toThrow('CERTIFICATE_SIGNING_KEY 格式');
    expect(() => parseSigningKey(`含中文:${'1'.repeat(64)}`)).toThrow('CERTIFICATE_SIGNING_KEY 格式');
    const production = loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', DATA_KEY: `k1:${'a'.repeat(32)}` });
    expect(() => certificateSigner(production)).toThrow('CERTIFICATE_SIGNING_KEY');
  });

  it('is generated once into DATA_DIR outside production (mode 0600) and read back after a restart', () => {
    const dir = dataDir();
    const first = certificateSigner(loadConfig({ DATA_DIR: dir }));
    expect(isSm2PublicKey(first.publicKeyHex)).toBe(true);
    const file = path.join(dir, LOCAL_SIGNING_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(`${first.id}:${first.privateKeyHex}`);
    expect(parseSigningKey(fs.readFileSync(file, 'utf8'))).toEqual(first);
  });

  it('sets PUBLIC_BASE_URL, http://localhost:3000 by default, and refuses one that is no address', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).publicBaseUrl).toBe('http://localhost:3000');
    expect(loadConfig({ DATA_DIR: dataDir(), PUBLIC_BASE_URL: 'https://sme.example.gov.cn' }).publicBaseUrl).toBe(
      'https://sme.example.gov.cn',
    );
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'sme.example.gov.cn' })).toThrow('PUBLIC_BASE_URL');
  });
});

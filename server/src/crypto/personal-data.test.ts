import { getCiphers, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import {
  generateDataKey,
  LOCAL_KEY_FILE,
  parseDataKeys,
  PersonalDataCipher,
  PersonalDataError,
  personalDataCipher,
} from './personal-data.js';

const key = (id: string) => ({ id, key: randomBytes(16) });
const k1 = key('k1');
const k2 = key('k2');
const cipher = new PersonalDataCipher([k1]);
/** Another instance with the same key: it remembers nothing this test's `cipher` encrypted, so it really decrypts. */
const reader = () => new PersonalDataCipher([k1]);

/** The stored value with the byte at `index` of its IV ‖ ciphertext ‖ tag flipped. */
function flipByte(stored: string, index: number): string {
  const at = stored.lastIndexOf(':') + 1;
  const bytes = Buffer.from(stored.slice(at), 'base64');
  bytes[index]! ^= 0x01;
  return stored.slice(0, at) + bytes.toString('base64');
}

describe('SM4 encryption of personal data', () => {
  it('uses SM4-CBC with HMAC-SM3, because this Node build has no SM4-GCM', () => {
    expect(getCiphers()).toContain('sm4-cbc');
    expect(getCiphers()).not.toContain('sm4-gcm');
  });

  it('round-trips phones, unicode and the empty string, and says which key it used', () => {
    for (const value of ['13800001111', '0371-65507615', '', '王经理 📞 𠀀 (扩展B)', 'x'.repeat(1000)]) {
      const stored = cipher.encrypt(value);
      expect(stored).toMatch(/^sm4:k1:[A-Za-z0-9+/]+=*$/);
      expect(stored).not.toContain(value || 'never empty');
      expect(reader().decrypt(stored)).toBe(value);
      expect(cipher.decrypt(stored)).toBe(value);
    }
  });

  it('encrypts the empty string too, so a column holds nothing but ciphertexts', () => {
    expect(cipher.encrypt('')).not.toBe('');
    expect(reader().decrypt(cipher.encrypt(''))).toBe('');
  });

  it('gives two encryptions of the same value different ciphertexts (random IV), of the same length for every phone', () => {
    const a = cipher.encrypt('13912345678');
    const b = cipher.encrypt('13912345678');
    expect(a).not.toBe(b);
    expect(cipher.encrypt('0371-65507615')).toHaveLength(a.length);
  });

  it('refuses a value under a key id it does not have', () => {
    const other = new PersonalDataCipher([k2]);
    expect(() => other.decrypt(cipher.encrypt('13800001111'))).toThrow(PersonalDataError);
    expect(() => other.decrypt(cipher.encrypt('13800001111'))).toThrow(/密钥 k1 .*DATA_KEY 中没有/);
  });

  it('refuses a value whose key id was given another key (the tag does not match)', () => {
    const impostor = new PersonalDataCipher([key('k1')]);
    expect(() => impostor.decrypt(cipher.encrypt('13800001111'))).toThrow(/校验失败/);
  });

  it('refuses every changed byte of IV, ciphertext and tag: an error, never garbage', () => {
    const stored = cipher.encrypt('13800001111');
    expect(cipher.decrypt(stored)).toBe('13800001111');
    const length = Buffer.from(stored.slice('sm4:k1:'.length), 'base64').length;
    expect(length).toBe(16 + 16 + 32);
    for (let i = 0; i < length; i++) expect(() => cipher.decrypt(flipByte(stored, i))).toThrow(PersonalDataError);
  });

  it('refuses a value moved to another key id, truncated, extended or not encrypted', () => {
    const both = new PersonalDataCipher([k1, k2]);
    const stored = both.encrypt('13800001111');
    expect(() => both.decrypt(stored.replace('sm4:k1:', 'sm4:k2:'))).toThrow(PersonalDataError);
    expect(() => both.decrypt(stored.slice(0, -4))).toThrow(PersonalDataError);
    expect(() => both.decrypt(`${stored}AAAA`)).toThrow(PersonalDataError);
    expect(() => both.decrypt('sm4:k1:')).toThrow(PersonalDataError);
    expect(() => both.decrypt('sm4:k1')).toThrow(PersonalDataError);
    expect(() => both.decrypt('13800001111')).toThrow(PersonalDataError);
  });

  it('encrypts with the first key and decrypts with all of them (rotation)', () => {
    const rotated = new PersonalDataCipher([k2, k1]);
    expect(rotated.currentKeyId).toBe('k2');
    const old = cipher.encrypt('13800001111');
    expect(rotated.decrypt(old)).toBe('13800001111');
    expect(rotated.isCurrent(old)).toBe(false);
    const fresh = rotated.encrypt('13800001111');
    expect(fresh.startsWith('sm4:k2:')).toBe(true);
    expect(rotated.isCurrent(fresh)).toBe(true);
    expect(new PersonalDataCipher([k1, k2]).decrypt(fresh)).toBe('13800001111');
    expect(() => cipher.decrypt(fresh)).toThrow(PersonalDataError);
    expect(rotated.keyChecks().map((k) => k.keyId)).toEqual(['k2', 'k1']);
  });
});

describe('DATA_KEY', () => {
  it('is one or more <key id>:<32 hex digits>, separated by commas; the first one encrypts', () => {
    const hex = 'ab'.repeat(16);
    expect(parseDataKeys(`k2026:${hex}`)).toEqual([{ id: 'k2026', key: Buffer.from(hex, 'hex') }]);
    expect(parseDataKeys(` new-1:${hex} , old:${'CD'.repeat(16)} `).map((k) => k.id)).toEqual(['new-1', 'old']);
    expect(parseDataKeys(generateDataKey('g'))[0]!.key).toHaveLength(16);
  });

  it('is refused with a message that names the format and never echoes the key', () => {
    const secret = 'ab'.repeat(15);
    for (const bad of [
      '',
      ',',
      `k1:${secret}`,
      `k1:${'zz'.repeat(16)}`,
      `${'ab'.repeat(16)}`,
      `k_1:${'ab'.repeat(16)}`,
      `:${'ab'.repeat(16)}`,
      `${'x'.repeat(33)}:${'ab'.repeat(16)}`,
    ]) {
      expect(() => parseDataKeys(bad)).toThrow(/DATA_KEY/);
      try {
        parseDataKeys(bad);
      } catch (err) {
        expect(String(err)).not.toContain(secret);
      }
    }
    expect(() => parseDataKeys(`k1:${'ab'.repeat(16)},K1:${'cd'.repeat(16)}`)).toThrow(/重复/);
  });
});

describe('the key of an installation', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-key-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('in demo and test mode is generated once into DATA_DIR (mode 0600) and read again after a restart', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' });
    const first = personalDataCipher(config);
    const file = path.join(dataDir, LOCAL_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dataDir)).toEqual([LOCAL_KEY_FILE]);
    const stored = first.encrypt('13800001111');
    const second = personalDataCipher(config);
    expect(second.currentKeyId).toBe(first.currentKeyId);
    expect(second.decrypt(stored)).toBe('13800001111');
  });

  it('comes from DATA_KEY when it is set', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'development', DATA_KEY: `mine:${'ab'.repeat(16)}` });
    expect(personalDataCipher(config).currentKeyId).toBe('mine');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('must be set in production: the configuration refuses to load without DATA_KEY, naming it and its format', () => {
    const dataDir = tempDir();
    expect(() => loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production' })).toThrow(
      /DATA_KEY: 生产环境（NODE_ENV=production）必须设置.*<密钥编号>:<32位十六进制数字>/,
    );
    expect(() => loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production', DATA_KEY: ' ' })).toThrow(/DATA_KEY/);
    expect(
      loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production', DATA_KEY: `k1:${'ab'.repeat(16)}` }).production,
    ).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

describe('the decryption cache', () => {
  it('gives every value back right while many requests read values in and out of it, past its bound', async () => {
    // One cipher serves every request and job at once: 12,000 distinct values (more than the 10,000 it
    // keeps), read 36,000 times in a random order from 24 concurrent readers, some written by this
    // cipher (remembered when encrypted), some by another (decrypted, then remembered).
    const shared = new PersonalDataCipher([k1]);
    const writer = reader();
    const plain = Array.from({ length: 12_000 }, (_, i) => `1${String(3_800_000_000 + i)}`);
    const stored = plain.map((p, i) => (i % 2 ? shared : writer).encrypt(p));
    const reads = Array.from({ length: 36_000 }, () => Math.floor(Math.random() * plain.length));
    const wrong: number[] = [];
    await Promise.all(
      Array.from({ length: 24 }, async (_, r) => {
        for (let n = r; n < reads.length; n += 24) {
          const i = reads[n]!;
          if (shared.decrypt(stored[i]!) !== plain[i]) wrong.push(i);
          if (n % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      }),
    );
    expect(wrong).toEqual([]);
    expect(stored.every((s, i) => shared.decrypt(s) === plain[i])).toBe(true);
  });
});

import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

/**
 * Personal data (phones) encrypted at rest with SM4. This Node build's OpenSSL has no SM4-GCM, so it is
 * SM4-CBC with a random IV per value and HMAC-SM3 over the header, IV and ciphertext (encrypt-then-MAC),
 * with separate keys derived from the configured key by HKDF-SM3. A stored value describes itself:
 *
 *   sm4:<key id>:<base64 of IV (16 bytes) ‖ ciphertext (n × 16 bytes) ‖ tag (32 bytes)>
 *
 * so it is decrypted with the key it names, and keys can rotate. The tag is checked before anything is
 * decrypted: a changed byte, a wrong key or a value under an unknown key id is an error, never garbage.
 * Every string is encrypted, the empty one too, so a column holds nothing but ciphertexts.
 */

export const ENCRYPTED_PREFIX = 'sm4:';
const KEY_ID = /^[A-Za-z0-9-]{1,32}$/;
const IV_BYTES = 16;
const BLOCK_BYTES = 16;
const TAG_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** How many decrypted values a cipher keeps (about 3 MB): review pages read the same roster again and again. */
const REMEMBERED_VALUES = 10_000;

export interface DataKey {
  id: string;
  key: Buffer;
}

/** A value that cannot be decrypted: unknown key id, malformed, or changed since it was written. */
export class PersonalDataError extends Error {
  override readonly name = 'PersonalDataError';
}

/**
 * Parses DATA_KEY: `<key id>:<32 hex digits>`, several separated by commas (the first one encrypts).
 * Key ids are 1–32 letters, digits or '-', distinct even ignoring case. Messages never echo key material.
 */
export function parseDataKeys(text: string): DataKey[] {
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!entries.length) throw new Error('DATA_KEY 为空：须为 <密钥编号>:<32位十六进制数字>，多个密钥以逗号分隔');
  const keys = entries.map((entry, i) => {
    const m = /^([^:]*):([0-9A-Fa-f]{32})$/.exec(entry);
    if (!m || !KEY_ID.test(m[1]!)) {
      throw new Error(
        `DATA_KEY 第 ${i + 1} 个密钥格式不正确：须为 <密钥编号>:<32位十六进制数字>（编号为1–32位字母、数字或 -），多个密钥以逗号分隔`,
      );
    }
    return { id: m[1]!, key: Buffer.from(m[2]!, 'hex') };
  });
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k.id.toLowerCase())) throw new Error(`DATA_KEY 中密钥编号 ${k.id} 重复（编号不区分大小写）`);
    seen.add(k.id.toLowerCase());
  }
  return keys;
}

/** A fresh random key in DATA_KEY's format. */
export function generateDataKey(id: string): string {
  return `${id}:${randomBytes(16).toString('hex')}`;
}

interface DerivedKey {
  id: string;
  encryption: Buffer;
  mac: Buffer;
  /** The key of `keyedHash`. */
  hash: Buffer;
  /** A value derived from the key that reveals nothing of it: the database records it per key id to recognise a wrong key. */
  check: string;
}

function derive(k: DataKey): DerivedKey {
  const part = (info: string, bytes: number) =>
    Buffer.from(hkdfSync('sm3', k.key, Buffer.alloc(0), `shenbao personal-data ${info}`, bytes));
  return {
    id: k.id,
    encryption: part('sm4-cbc', 16),
    mac: part('hmac-sm3', 32),
    hash: part('keyed-hash', 32),
    check: part('key-check', 32).toString('hex'),
  };
}

export class PersonalDataCipher {
  private readonly keys = new Map<string, DerivedKey>();
  private readonly current: DerivedKey;
  /**
   * Plain values by their stored text, which is unique to one encryption (random IV), kept when this
   * cipher wrote it or once its tag was checked: a hit is exactly what decrypting would give. The least
   * recently used entries go first.
   */
  private readonly remembered = new Map<string, string>();

  constructor(keys: readonly DataKey[]) {
    if (!keys.length) throw new Error('PersonalDataCipher needs at least one key');
    for (const k of keys) this.keys.set(k.id, derive(k));
    this.current = this.keys.get(keys[0]!.id)!;
  }

  /** The key that encrypts; the others only decrypt. */
  get currentKeyId(): string {
    return this.current.id;
  }

  /** Every configured key id with its check value, the current one first. */
  keyChecks(): { keyId: string; check: string }[] {
    return [...this.keys.values()].map((k) => ({ keyId: k.id, check: k.check }));
  }

  encrypt(plain: string): string {
    const k = this.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('sm4-cbc', k.encryption, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const header = `${ENCRYPTED_PREFIX}${k.id}:`;
    const stored = header + Buffer.concat([iv, ciphertext, tag(k, header, iv, ciphertext)]).toString('base64');
    this.remember(stored, plain);
    return stored;
  }

  decrypt(stored: string): string {
    const known = this.remembered.get(stored);
    if (known !== undefined) {
      this.remembered.delete(stored);
      this.remembered.set(stored, known);
      return known;
    }
    if (!stored.startsWith(ENCRYPTED_PREFIX)) throw new PersonalDataError('个人数据未加密存储');
    const colon = stored.indexOf(':', ENCRYPTED_PREFIX.length);
    const keyId = colon < 0 ? '' : stored.slice(ENCRYPTED_PREFIX.length, colon);
    const k = this.keys.get(keyId);
    if (!k)
      throw new PersonalDataError(`个人数据用密钥 ${keyId.slice(0, 32) || '（无编号）'} 加密，DATA_KEY 中没有这个密钥`);
    const body = stored.slice(colon + 1);
    const bytes = BASE64.test(body) ? Buffer.from(body, 'base64') : Buffer.alloc(0);
    const size = bytes.length - IV_BYTES - TAG_BYTES;
    if (size < BLOCK_BYTES || size % BLOCK_BYTES !== 0 || bytes.toString('base64') !== body)
      throw new PersonalDataError('个人数据密文格式不正确');
    const iv = bytes.subarray(0, IV_BYTES);
    const ciphertext = bytes.subarray(IV_BYTES, IV_BYTES + size);
    const expected = tag(k, stored.slice(0, colon + 1), iv, ciphertext);
    if (!timingSafeEqual(expected, bytes.subarray(IV_BYTES + size)))
      throw new PersonalDataError(`个人数据密文校验失败：已被改动，或密钥 ${k.id} 不是加密时所用的`);
    const decipher = createDecipheriv('sm4-cbc', k.encryption, iv);
    const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    this.remember(stored, plain);
    return plain;
  }

  private remember(stored: string, plain: string): void {
    if (this.remembered.size >= REMEMBERED_VALUES) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(stored, plain);
  }

  /**
   * A keyed hash (HMAC-SM3 under a key derived from the current key) of `value` for `purpose`: the same in
   * every process with this DATA_KEY, and not to be computed from the database alone, so a value kept only
   * as this hash (a user name that may be a password typed in the wrong field) is not guessed from a copy of
   * the database. Another current key gives other hashes.
   */
  keyedHash(purpose: string, value: string): string {
    return createHmac('sm3', this.current.hash).update(`${purpose}\n${value}`, 'utf8').digest('base64url');
  }

  /** Whether a stored value is encrypted with the current key (and needs no re-encryption). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${ENCRYPTED_PREFIX}${this.current.id}:`);
  }
}

function tag(k: DerivedKey, header: string, iv: Buffer, ciphertext: Buffer): Buffer {
  return createHmac('sm3', k.mac).update(header, 'utf8').update(iv).update(ciphertext).digest();
}

/** The file in DATA_DIR that keeps the key generated in demo and test mode. */
export const LOCAL_KEY_FILE = 'data-key';

/**
 * The cipher for this installation: DATA_KEY when set (required in production, see config.ts);
 * otherwise, in demo and test mode, a key generated once and kept in DATA_DIR/data-key (mode 0600),
 * so a restart still reads the data. Created with link(2), so two processes starting together agree.
 */
export function personalDataCipher(config: Config): PersonalDataCipher {
  if (config.dataKey) return new PersonalDataCipher(parseDataKeys(config.dataKey));
  if (config.production) throw new Error('生产环境（NODE_ENV=production）必须设置 DATA_KEY');
  const file = path.join(config.dataDir, LOCAL_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const staged = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(staged, `${generateDataKey(`local-${randomBytes(4).toString('hex')}`)}\n`, { mode: 0o600 });
    try {
      fs.linkSync(staged, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(staged, { force: true });
    }
  }
  return new PersonalDataCipher(parseDataKeys(fs.readFileSync(file, 'utf8')));
}

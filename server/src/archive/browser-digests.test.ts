import { createHash, randomBytes } from 'node:crypto';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BROWSER_DIGESTS_SOURCE } from './browser-digests.js';

type Hasher = { update(b: Uint8Array): Hasher; hex(): string };
const { SM3, SHA256 } = vm.runInNewContext(`${BROWSER_DIGESTS_SOURCE}; ({ SM3, SHA256 })`, {
  Uint8Array,
  Uint32Array,
  Math,
}) as Record<'SM3' | 'SHA256', new () => Hasher>;

describe('the offline page’s SM3 and SHA-256', () => {
  it.each([0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000, 1 << 20])('match node:crypto for %d bytes', (n) => {
    const data = randomBytes(n);
    expect(new SM3().update(data).hex()).toBe(createHash('sm3').update(data).digest('hex'));
    expect(new SHA256().update(data).hex()).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('SHA-256 matches FIPS 180-4’s examples and any chunking', () => {
    expect(new SHA256().update(Buffer.from('abc')).hex()).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(new SHA256().update(Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).hex()).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    const data = randomBytes(10_000);
    const h = new SHA256();
    for (let i = 0; i < data.length; i += 333) h.update(data.subarray(i, i + 333));
    expect(h.hex()).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('matches the standard’s example “abc” and any chunking', () => {
    expect(new SM3().update(Buffer.from('abc')).hex()).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    const data = randomBytes(10_000);
    const h = new SM3();
    for (let i = 0; i < data.length; i += 777) h.update(data.subarray(i, i + 777));
    expect(h.hex()).toBe(createHash('sm3').update(data).digest('hex'));
  });
});
